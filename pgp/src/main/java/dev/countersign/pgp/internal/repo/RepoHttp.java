package dev.countersign.pgp.internal.repo;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP side of a chart repository: one OkHttp client whose network interceptor counts every HTTP round trip
 * that got a response (redirect hops included; a silent retry on a stale pooled connection is not one), credentials sent only to the repository's own scheme, host and port (as Helm
 * does without {@code --pass-credentials}), bodies read with a byte limit, downloads streamed to a file while
 * hashed.
 */
public final class RepoHttp {
  private final OkHttpClient client;
  private final HttpUrl base;
  private final String authorization;
  private final AtomicLong requests = new AtomicLong();

  /** {@code authorization} is the full header value ({@code Basic ...} or {@code Bearer ...}) or null. */
  public RepoHttp(OkHttpClient client, HttpUrl base, String authorization) {
    this.base = Objects.requireNonNull(base, "base");
    this.authorization = authorization;
    this.client = client.newBuilder().addNetworkInterceptor(chain -> {
      Response response = chain.proceed(chain.request());
      requests.incrementAndGet();
      return response;
    }).build();
  }

  public OkHttpClient client() {
    return client;
  }

  /** Round trips so far (responses received), every redirect hop counted. */
  public long requestCount() {
    return requests.get();
  }

  /** A request builder for {@code url}, with the credentials when {@code url} is on the repository's origin. */
  public Request.Builder request(HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", "countersign/0.1 (helm-compatible)");
    if (authorization != null && sameOrigin(url)) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private boolean sameOrigin(HttpUrl url) {
    return url.scheme().equals(base.scheme()) && url.host().equalsIgnoreCase(base.host()) && url.port() == base.port();
  }

  /** Executes {@code request}; I/O failures become a retryable {@link BackendException}. */
  public Response execute(Request request) {
    try {
      return client.newCall(request).execute();
    } catch (IOException e) {
      throw new BackendException("cannot reach " + redacted(request.url()) + ": " + e.getMessage(), true, e);
    }
  }

  /** Reads a successful response's body, at most {@code max} bytes. */
  public static byte[] body(Response response, long max, String what) {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > max) {
      throw new InvalidInputException(what + " of " + declared + " bytes is larger than the limit of " + max);
    }
    try (InputStream in = body.byteStream()) {
      byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (data.length > max) {
        throw new InvalidInputException(what + " is larger than the limit of " + max + " bytes");
      }
      return data;
    } catch (IOException e) {
      throw new BackendException("cannot read " + what + ": " + e.getMessage(), true, e);
    }
  }

  /**
   * Streams a successful response's body to {@code target} (created, at most {@code max} bytes) and returns its
   * SHA-256 as hex. The file is deleted when anything fails.
   */
  public static String download(Response response, Path target, long max, String what) {
    ResponseBody body = response.body();
    if (body.contentLength() > max) {
      throw new InvalidInputException(what + " of " + body.contentLength() + " bytes is larger than the limit of "
          + max);
    }
    boolean done = false;
    try (InputStream in = body.byteStream(); OutputStream out = Files.newOutputStream(target)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
        if (total > max) {
          throw new InvalidInputException(what + " is larger than the limit of " + max + " bytes");
        }
        md.update(buf, 0, n);
        out.write(buf, 0, n);
      }
      done = true;
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new BackendException("cannot download " + what + ": " + e.getMessage(), true, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(target);
        } catch (IOException ignored) {
          // best effort: the partial file is in the caller's temporary name
        }
      }
    }
  }

  /** A failed response as an exception naming the URL (without credentials or query) and status. */
  public static BackendException failure(Response response, String what) {
    int code = response.code();
    boolean retryable = code == 429 || code >= 500;
    return new BackendException(what + ": HTTP " + code + " from " + redacted(response.request().url()),
        retryable);
  }

  /** {@code url} without user info and query, safe for messages. */
  public static String redacted(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).build().toString();
  }

  /**
   * Resolves an entry URL against the repository URL as Helm's {@code ResolveReferenceURL} does: the base path
   * gets a trailing slash, then RFC 3986 reference resolution. Only http and https results are accepted.
   */
  public static HttpUrl resolve(HttpUrl base, String reference) {
    HttpUrl dir = base.encodedPath().endsWith("/") ? base
        : base.newBuilder().encodedPath(base.encodedPath() + "/").build();
    HttpUrl resolved = dir.resolve(reference);
    if (resolved == null) {
      throw new InvalidInputException("chart URL " + reference + " is not an http(s) URL or a relative path");
    }
    return resolved;
  }
}
