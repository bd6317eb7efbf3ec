package dev.countersign.keys.ceremony;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.internal.LoopbackHosts;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An origin server behind a CDN that accepts the published files by HTTP {@code PUT} (and serves them by
 * {@code GET}), for {@link Publisher#publish(Draft, KeyManifest, HttpOrigin, java.time.Instant,
 * dev.countersign.core.KeyBackends)}. Meant for tests and simple origins; production CDNs usually sync a directory
 * (docs/keys.md). Plain {@code http://} is allowed only for loopback hosts.
 */
public final class HttpOrigin {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType BINARY = MediaType.get("application/octet-stream");
  private static final MediaType PEM = MediaType.get("application/x-pem-file");

  private final HttpUrl base;
  private final OkHttpClient http;

  private HttpOrigin(HttpUrl base) {
    this.base = base;
    this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(60))
        .followRedirects(false).build();
  }

  /** The origin at {@code baseUrl} ({@code https://}, or {@code http://} to a loopback host). */
  public static HttpOrigin of(String baseUrl) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
    if (url == null || url.query() != null || url.fragment() != null) {
      throw new InvalidInputException("origin must be an http(s) URL without query or fragment");
    }
    if (!url.isHttps() && !LoopbackHosts.isLoopback(url.host())) {
      throw new InvalidInputException("plain http:// origins are only allowed for loopback hosts; use https:// for "
          + url.host());
    }
    if (!url.encodedPath().endsWith("/")) {
      url = url.newBuilder().addPathSegment("").build();
    }
    return new HttpOrigin(url);
  }

  /** Whether {@code text} looks like an origin URL rather than a directory. */
  public static boolean isUrl(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  /** The file {@code name} as the origin serves it, or empty on 404; at most {@link KeyManifest#MAX_BYTES}. */
  public Optional<byte[]> get(String name) {
    Request req = new Request.Builder().url(url(name)).get().build();
    try (Response r = http.newCall(req).execute()) {
      if (r.code() == 404) {
        return Optional.empty();
      }
      if (r.code() != 200) {
        throw new BackendException("GET " + name + " from the origin answered HTTP " + r.code(), r.code() >= 500);
      }
      ResponseBody body = r.body();
      try (InputStream in = body.byteStream()) {
        byte[] bytes = in.readNBytes(KeyManifest.MAX_BYTES + 1);
        if (bytes.length > KeyManifest.MAX_BYTES) {
          throw new InvalidInputException(name + " on the origin is larger than " + KeyManifest.MAX_BYTES + " bytes");
        }
        return Optional.of(bytes);
      }
    } catch (IOException e) {
      throw new BackendException("cannot GET " + name + " from the origin: " + e.getClass().getSimpleName(), true, e);
    }
  }

  /** Uploads {@code content} as {@code name}; any answer but 200, 201 or 204 fails. */
  public void put(String name, byte[] content) {
    MediaType type = name.endsWith(".json") ? JSON : name.endsWith(".pem") ? PEM : BINARY;
    Request req = new Request.Builder().url(url(name)).put(RequestBody.create(content, type)).build();
    try (Response r = http.newCall(req).execute()) {
      if (r.code() != 200 && r.code() != 201 && r.code() != 204) {
        throw new BackendException("PUT " + name + " to the origin answered HTTP " + r.code(), r.code() >= 500);
      }
    } catch (IOException e) {
      throw new BackendException("cannot PUT " + name + " to the origin: " + e.getClass().getSimpleName(), true, e);
    }
  }

  private HttpUrl url(String name) {
    return base.newBuilder().addPathSegment(name).build();
  }


  @Override
  public String toString() {
    return "HttpOrigin{" + base + "}";
  }
}
