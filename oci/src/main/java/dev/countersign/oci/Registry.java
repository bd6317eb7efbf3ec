package dev.countersign.oci;

import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.registry.ContentCache;
import dev.countersign.oci.internal.registry.RegistryHttp;
import dev.countersign.oci.internal.registry.RegistryRepositoryImpl;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * A client for OCI registries (OCI Distribution Spec v1.1 and Docker Registry v2), over OkHttp. One instance serves
 * any number of registries and repositories, is thread-safe and should be {@linkplain #close() closed}.
 *
 * <ul>
 *   <li>TLS by default; plain HTTP only for loopback hosts (127.0.0.0/8, localhost, ::1) and the hosts given to
 *       {@link Builder#insecureRegistries}.
 *   <li>Authentication: anonymous, Basic, and the Bearer token flow ({@code WWW-Authenticate: Bearer realm=...}),
 *       tokens cached per registry and scope; credentials from a {@link CredentialsProvider} (default: Docker's
 *       {@code config.json} and credential helpers). Credentials are never logged nor put into messages, and never
 *       sent to another host when a blob download is redirected.
 *   <li>Everything read is verified: manifests against the requested digest (or, by tag, against
 *       {@code Docker-Content-Digest} and always re-hashed), capped at {@link Manifest#MAX_BYTES}; blobs as they
 *       stream. 404 on a manifest is {@code Optional.empty()}; other failures are {@link RegistryException}s with
 *       status, OCI error code and retryability. {@link Repository#resolve} of a tag is a HEAD and takes the
 *       digest from {@code Docker-Content-Digest} (falling back to a GET when absent): that digest is only a
 *       pointer, and whatever is fetched through it is verified against it.
 *   <li>Blob uploads stream: content up to {@link Builder#uploadChunkSize} goes in one POST+PUT, larger content
 *       in one streamed PATCH (or {@linkplain Builder#chunkedUploads in chunks}); memory use does not grow with the
 *       blob, and the digest is checked before the upload is committed.
 *   <li>Manifests with a {@code subject} are added to the referrers fallback index when the registry does not
 *       confirm them with {@code OCI-Subject} (see {@link Referrers}).
 *   <li>Idempotent requests (GET, HEAD, manifest PUT) are retried on 429, 5xx and connection failures under the
 *       {@link RetryPolicy}, honouring {@code Retry-After}.
 *   <li>Request economy: small manifests and blobs read by digest are cached (content-addressed, see
 *       {@link Builder#contentCacheSize}); a registry that answered 404 to the referrers API is remembered and
 *       only its fallback tag is read afterwards; tokens are reused per scope until they expire.
 * </ul>
 */
public final class Registry implements AutoCloseable {
  private final RegistryHttp http;
  private final int chunkSize;
  private final boolean chunked;
  private final ContentCache cache;

  private Registry(Builder b) {
    OkHttpClient client = new OkHttpClient.Builder().connectTimeout(b.connectTimeout).readTimeout(b.readTimeout)
        .writeTimeout(b.readTimeout).followRedirects(false).followSslRedirects(false).build();
    this.http = new RegistryHttp(client, b.credentials, b.insecure, b.retryPolicy, b.userAgent, b.callTimeout);
    this.chunkSize = b.chunkSize;
    this.chunked = b.chunked;
    this.cache = new ContentCache(b.cacheBytes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A client with the defaults: Docker config credentials, default timeouts and retry policy. */
  public static Registry create() {
    return builder().build();
  }

  /** The repository {@code reference} names (its tag or digest, if any, is ignored). */
  public RegistryRepository repository(ImageReference reference) {
    return new RegistryRepositoryImpl(http, Objects.requireNonNull(reference, "reference"), chunkSize, chunked, cache);
  }

  /** The repository named by {@code name}, an image reference such as {@code ghcr.io/org/app}. */
  public RegistryRepository repository(String name) {
    return repository(ImageReference.parse(name));
  }

  /**
   * HTTP requests this client has sent: every attempt, redirect hop and token request counts (for benchmarks'
   * round-trip reports).
   */
  public long requestCount() {
    return http.requestCount();
  }

  /** Releases the connection pool and threads. */
  @Override
  public void close() {
    http.close();
  }

  /** Builds a {@link Registry}. */
  public static final class Builder {
    private CredentialsProvider credentials;
    private final Set<String> insecure = new HashSet<>();
    private Duration connectTimeout = Duration.ofSeconds(15);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofMinutes(2);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String userAgent = "countersign/0.1";
    private int chunkSize = 8 << 20;
    private long cacheBytes = 4 << 20;
    private boolean chunked;

    private Builder() {}

    /** Where credentials come from; default {@link CredentialsProvider#dockerConfig()}. */
    public Builder credentials(CredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Registries ({@code host} or {@code host:port}) reached over plain HTTP. */
    public Builder insecureRegistries(Collection<String> registries) {
      registries.forEach(r -> insecure.add(r.toLowerCase(Locale.ROOT)));
      return this;
    }

    /** TCP connect timeout (default 15 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connect timeout");
      return this;
    }

    /** Longest wait for the next bytes of a response or to write a request (default 60 s). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "read timeout");
      return this;
    }

    /**
     * Longest time for a whole non-streaming request, body included: manifests, tags, referrers, tokens (default
     * 2 min). Blob downloads and upload chunks are bounded by the read timeout only.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "call timeout");
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder userAgent(String userAgent) {
      if (userAgent == null || userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new InvalidInputException("user agent must be non-empty printable ASCII");
      }
      this.userAgent = userAgent;
      return this;
    }

    /**
     * Blobs up to this size are uploaded in one PUT (held in memory); larger ones are streamed in one PATCH, or
     * with {@link #chunkedUploads} in PATCH chunks of this size held in memory one at a time (default 8 MiB,
     * 1 KiB to 256 MiB).
     */
    public Builder uploadChunkSize(int bytes) {
      if (bytes < 1024 || bytes > (256 << 20)) {
        throw new InvalidInputException("upload chunk size must be 1 KiB to 256 MiB, got " + bytes);
      }
      this.chunkSize = bytes;
      return this;
    }

    /**
     * Uploads blobs larger than {@link #uploadChunkSize} in PATCH chunks of that size instead of one streamed
     * PATCH (default false): for registries or proxies that limit the size of a request body. Slower (one request
     * per chunk) and holds a chunk in memory.
     */
    public Builder chunkedUploads(boolean chunked) {
      this.chunked = chunked;
      return this;
    }

    /**
     * Memory for the content cache (default 4 MiB, 0 disables it): manifests and blobs of up to 256 KiB read by
     * digest are kept, least recently used first out, and served again without a request. Digest-named content is
     * immutable and is re-hashed before it is kept, so a hit returns exactly what the digest names; what a
     * <em>tag</em> points to is always asked of the registry. A manifest deleted by someone else stays readable by
     * digest through this client while cached (deletes through it are forgotten at once).
     */
    public Builder contentCacheSize(long bytes) {
      if (bytes < 0 || bytes > (1L << 30)) {
        throw new InvalidInputException("content cache size must be 0 to 1 GiB, got " + bytes);
      }
      this.cacheBytes = bytes;
      return this;
    }

    public Registry build() {
      if (credentials == null) {
        credentials = CredentialsProvider.dockerConfig();
      }
      return new Registry(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new InvalidInputException(what + " must be positive");
      }
      return d;
    }
  }
}
