package dev.countersign.keys.internal.resolver;

import dev.countersign.core.InvalidInputException;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.internal.LoopbackHosts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * GETs manifest files below a base URL with OkHttp. Redirects are not followed (a redirect could leave HTTPS);
 * bodies are read up to {@link KeyManifest#MAX_BYTES} + 1 and must be {@code application/json} (or {@code +json}).
 * It sends {@code If-None-Match} when given an ETag, and reports the response's {@code ETag} and
 * {@code Cache-Control} freshness; it counts the requests it makes.
 */
public final class ManifestFetcher implements ManifestFiles {
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-)?max-age\\s*=\\s*\"?([0-9]{1,10})\"?");
  private static final Pattern NO_CACHE = Pattern.compile("(?:^|[,\\s])(no-cache|no-store)(?:$|[,\\s=])");
  private static final int MAX_ETAG = 1024;

  private final HttpUrl base;
  private final OkHttpClient http;
  private final AtomicLong requests = new AtomicLong();

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
    if (!url.isHttps() && !allowInsecureHttp && !LoopbackHosts.isLoopback(url.host())) {
      throw new InvalidInputException("plain http:// is only allowed for loopback hosts (or when explicitly"
          + " allowed); use https:// for " + url.host());
    }
    String s = url.toString();
    return s.endsWith("/") ? url : HttpUrl.parse(s + "/");
  }


  /** The URL of {@code name} below the base. */
  @Override
  public String location(String name) {
    return base.resolve(name).toString();
  }

  @Override
  public boolean local() {
    return false;
  }

  @Override
  public long requests() {
    return requests.get();
  }

  /** GETs {@code name} (e.g. {@code keys.json}, {@code 2.keys.json}). Never throws for network trouble. */
  @Override
  public FetchResult get(String name, String etag) {
    return get(name, etag, KeyManifest.MAX_BYTES, true);
  }

  /** GETs another published file (a keyring, a PEM key) below the base: any content type, at most maxBytes. */
  @Override
  public FetchResult getFile(String name, int maxBytes) {
    if (!ManifestFiles.isPlainName(name)) {
      return FetchResult.failed("file-name", name + ": not a plain file name");
    }
    return get(name, null, maxBytes, false);
  }

  private FetchResult get(String name, String etag, int maxBytes, boolean json) {
    HttpUrl url = base.resolve(name);
    Request.Builder rb = new Request.Builder().url(url).header("Accept", json ? "application/json" : "*/*");
    if (etag != null) {
      rb.header("If-None-Match", etag);
    }
    Request request = rb.build();
    Response response;
    requests.incrementAndGet();
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
      if (code == 304 && etag != null) {
        return FetchResult.notModified(maxAge(response.header("Cache-Control")));
      }
      if (code != 200) {
        return FetchResult.failed("http-status", name + ": HTTP " + code + " (expected 200; redirects are not"
            + " followed)");
      }
      ResponseBody body = response.body();
      byte[] bytes;
      try (InputStream in = body.byteStream()) {
        bytes = in.readNBytes(maxBytes + 1);
      } catch (IOException e) {
        return FetchResult.failed("truncated", name + ": body cut off: " + e.getMessage());
      }
      String type = response.header("Content-Type");
      if (json && (type == null || !isJson(type))) {
        return FetchResult.failed("content-type", name + ": Content-Type " + (type == null ? "missing" : "'"
            + type + "'") + ", expected application/json");
      }
      if (bytes.length > maxBytes) {
        return FetchResult.failed("size", name + ": larger than " + maxBytes + " bytes");
      }
      long declared = body.contentLength();
      if (declared >= 0 && declared != bytes.length) {
        return FetchResult.failed("truncated", name + ": " + bytes.length + " bytes of the declared " + declared);
      }
      String tag = response.header("ETag");
      return FetchResult.ok(bytes, tag == null || tag.length() > MAX_ETAG ? null : tag,
          maxAge(response.header("Cache-Control")));
    }
  }

  /** The freshness {@code Cache-Control} grants: max-age, zero for no-cache/no-store; null when it says nothing. */
  static Duration maxAge(String cacheControl) {
    if (cacheControl == null) {
      return null;
    }
    String c = cacheControl.toLowerCase(Locale.ROOT);
    if (NO_CACHE.matcher(c).find()) {
      return Duration.ZERO;
    }
    Matcher m = MAX_AGE.matcher(c);
    return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
  }

  private static boolean isJson(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    t = (semi < 0 ? t : t.substring(0, semi)).trim();
    return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
  }
}
