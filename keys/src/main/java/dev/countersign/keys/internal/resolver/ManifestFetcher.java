package dev.countersign.keys.internal.resolver;

import dev.countersign.core.InvalidInputException;
import dev.countersign.keys.KeyManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * GETs manifest files below a base URL with OkHttp. Redirects are not followed (a redirect could leave HTTPS);
 * bodies are read up to {@link KeyManifest#MAX_BYTES} + 1 and must be {@code application/json} (or {@code +json}).
 */
public final class ManifestFetcher {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.]+]?");

  private final HttpUrl base;
  private final OkHttpClient http;

  public ManifestFetcher(URI base, boolean allowInsecureHttp, Duration connectTimeout, Duration callTimeout) {
    this.base = checkBase(base, allowInsecureHttp);
    this.http = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(callTimeout)
        .callTimeout(callTimeout).followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
        .build();
  }

  /** The base URL with a trailing slash; {@code http} only for loopback hosts unless allowed. */
  static HttpUrl checkBase(URI base, boolean allowInsecureHttp) {
    HttpUrl url = base == null ? null : HttpUrl.parse(base.toString());
    if (url == null || base.getRawQuery() != null || base.getRawFragment() != null) {
      throw new InvalidInputException("key manifest base URL must be an http(s) URL without query or fragment: "
          + base);
    }
    if (!url.isHttps() && !allowInsecureHttp && !isLoopback(url.host())) {
      throw new InvalidInputException("plain http:// is only allowed for loopback hosts (or when explicitly"
          + " allowed); use https:// for " + url.host());
    }
    String s = url.toString();
    return s.endsWith("/") ? url : HttpUrl.parse(s + "/");
  }

  /** Whether {@code host} is {@code localhost} or a loopback IP literal; names are not resolved. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (!IP_LITERAL.matcher(h).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The URL of {@code name} below the base. */
  public String url(String name) {
    return base.resolve(name).toString();
  }

  /** GETs {@code name} (e.g. {@code keys.json}, {@code 2.keys.json}). Never throws for network trouble. */
  public FetchResult get(String name) {
    HttpUrl url = base.resolve(name);
    Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
    Response response;
    try {
      response = http.newCall(request).execute();
    } catch (IOException e) {
      return FetchResult.unreachable(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    try (response) {
      int code = response.code();
      if (code >= 500) {
        return FetchResult.unreachable(name + ": HTTP " + code);
      }
      if (code != 200) {
        return FetchResult.failed("http-status", name + ": HTTP " + code + " (expected 200; redirects are not"
            + " followed)");
      }
      ResponseBody body = response.body();
      byte[] bytes;
      try (InputStream in = body.byteStream()) {
        bytes = in.readNBytes(KeyManifest.MAX_BYTES + 1);
      } catch (IOException e) {
        return FetchResult.failed("truncated", name + ": body cut off: " + e.getMessage());
      }
      String type = response.header("Content-Type");
      if (type == null || !isJson(type)) {
        return FetchResult.failed("content-type", name + ": Content-Type " + (type == null ? "missing" : "'"
            + type + "'") + ", expected application/json");
      }
      if (bytes.length > KeyManifest.MAX_BYTES) {
        return FetchResult.failed("size", name + ": larger than " + KeyManifest.MAX_BYTES + " bytes");
      }
      long declared = body.contentLength();
      if (declared >= 0 && declared != bytes.length) {
        return FetchResult.failed("truncated", name + ": " + bytes.length + " bytes of the declared " + declared);
      }
      return FetchResult.ok(bytes);
    }
  }

  private static boolean isJson(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    t = (semi < 0 ? t : t.substring(0, semi)).trim();
    return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
  }
}
