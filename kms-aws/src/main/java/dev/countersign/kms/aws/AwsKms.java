package dev.countersign.kms.aws;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.kms.aws.internal.KmsClientPool;
import dev.countersign.kms.aws.internal.KmsKeyStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Signing and verification with AWS KMS keys named by {@code awskms://} references ({@link AwsKmsKeyReference}),
 * the way cosign does it: one DescribeKey and one GetPublicKey per key per cache period, the digest computed
 * locally (streaming), then exactly one {@code Sign} call with {@code MessageType=DIGEST} per signature, with the
 * first signing algorithm the key lists unless one is pinned. Verification is local with the cached public key
 * (optionally remote, through KMS {@code Verify}).
 *
 * <pre>{@code
 * try (AwsKms kms = AwsKms.builder().build()) {            // SDK default credentials, Region and endpoint
 *   Signer signer = kms.signer("awskms:///alias/release");
 *   byte[] sig = signer.sign(Path.of("app.tar.gz"));
 * }
 * }</pre>
 *
 * <p>Without a client supplier, clients are built per Region (an ARN's Region wins over the configured or default
 * one) and endpoint (a reference's {@code HOST:PORT}, else {@link Builder#endpointOverride}, else what the SDK reads
 * from {@code AWS_ENDPOINT_URL_KMS} / {@code AWS_ENDPOINT_URL} / the profile), with the SDK's standard retry mode.
 * Thread-safe; {@link #close()} closes the clients it built.
 */
public final class AwsKms implements AutoCloseable {
  /** Default time a key's description and public key are reused before they are fetched again. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(10);

  private final KmsKeyStore store;

  private AwsKms(KmsKeyStore store) {
    this.store = store;
  }

  /** A builder; with no settings it uses the SDK's default credentials chain, Region and endpoint. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code builder().build()}: configured entirely by the environment, as the AWS CLI and cosign are. */
  public static AwsKms fromEnvironment() {
    return builder().build();
  }

  /**
   * A signer for the key {@code reference} names, with the first signing algorithm the key lists (cosign's
   * choice: ECDSA with the curve's hash; for RSA keys whatever KMS lists first).
   *
   * @throws InvalidInputException for a malformed reference or a key Countersign cannot sign with
   * @throws dev.countersign.core.KeyNotFoundException when KMS has no such key or alias
   * @throws dev.countersign.core.BackendException when the key is disabled, pending deletion or unreachable
   */
  public Signer signer(String reference) {
    return store.signer(AwsKmsKeyReference.parse(reference), null);
  }

  /**
   * A signer that always uses {@code algorithm} (e.g. {@link SignatureAlgorithm#RSA_PSS_SHA256} for
   * {@code RSASSA_PSS_SHA_256}); the key must list it.
   */
  public Signer signer(String reference, SignatureAlgorithm algorithm) {
    return store.signer(AwsKmsKeyReference.parse(reference), Objects.requireNonNull(algorithm, "algorithm"));
  }

  /** A verifier for the key's public key with the algorithm {@link #signer(String)} would use. */
  public Verifier verifier(String reference) {
    return store.verifier(AwsKmsKeyReference.parse(reference), null);
  }

  /** A verifier for the key's public key with {@code algorithm}, which the key must list. */
  public Verifier verifier(String reference, SignatureAlgorithm algorithm) {
    return store.verifier(AwsKmsKeyReference.parse(reference), Objects.requireNonNull(algorithm, "algorithm"));
  }

  /** Key lifecycle: create, rotate, list and delete keys behind aliases, export public keys. */
  public AwsKmsKeys keys() {
    return new AwsKmsKeys(store);
  }

  /**
   * A Tink {@link com.google.crypto.tink.Aead} on the symmetric KMS key {@code reference} names
   * ({@code awskms://} or Tink's {@code aws-kms://} form), for encrypting Tink keysets.
   */
  public AwsKmsAead aead(String reference) {
    return new AwsKmsAead(store, AwsKmsAead.parseReference(reference));
  }

  /** Forgets cached key descriptions, so the next signer or verifier sees an alias's current key at once. */
  public void clearCache() {
    store.clearCache();
  }

  /** Closes the SDK clients this instance built; a supplied client and HTTP client are left open. */
  @Override
  public void close() {
    store.close();
  }

  /** Configures an {@link AwsKms}. Either {@link #client} or the explicit client settings, not both. */
  public static final class Builder {
    private Supplier<KmsClient> client;
    private Region region;
    private AwsCredentialsProvider credentials;
    private URI endpointOverride;
    private SdkHttpClient httpClient;
    private RetryMode retryMode = RetryMode.STANDARD;
    private Duration apiCallTimeout;
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private boolean remoteVerify;
    private Clock clock = Clock.systemUTC();
    private boolean explicitClientSettings;

    private Builder() {}

    /**
     * Uses the caller's client for every reference (obtained once, on first use, and never closed by
     * {@link AwsKms}). A reference whose ARN names another Region, or that names an endpoint the client does not
     * use, is refused.
     */
    public Builder client(Supplier<KmsClient> client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Region for key ids and aliases (an ARN's Region always wins); default: the SDK's Region chain. */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      explicitClientSettings = true;
      return this;
    }

    /** Credentials; default: the SDK's default credentials chain. */
    public Builder credentialsProvider(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      explicitClientSettings = true;
      return this;
    }

    /**
     * Endpoint for references that name none (may be plain {@code http://} on loopback, e.g. a local KMS); default:
     * the SDK's own resolution, which honours {@code AWS_ENDPOINT_URL_KMS} and {@code AWS_ENDPOINT_URL}.
     */
    public Builder endpointOverride(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw new InvalidInputException("KMS endpoint must be an absolute http(s) URI, got " + endpoint);
      }
      this.endpointOverride = endpoint;
      explicitClientSettings = true;
      return this;
    }

    /** HTTP client for the SDK clients (not closed by {@link AwsKms}); default: the SDK's URL-connection client. */
    public Builder httpClient(SdkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      explicitClientSettings = true;
      return this;
    }

    /** SDK retry mode; default {@link RetryMode#STANDARD}. {@link RetryMode#ADAPTIVE_V2} adds client rate limiting. */
    public Builder retryMode(RetryMode retryMode) {
      this.retryMode = Objects.requireNonNull(retryMode, "retryMode");
      explicitClientSettings = true;
      return this;
    }

    /** Limit for one API call including the SDK's retries; default: none (the SDK's). */
    public Builder apiCallTimeout(Duration timeout) {
      this.apiCallTimeout = positive(timeout, "apiCallTimeout");
      explicitClientSettings = true;
      return this;
    }

    /** How long a key's description and public key are reused; default 10 minutes; zero disables the cache. */
    public Builder publicKeyCacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative()) {
        throw new InvalidInputException("public key cache TTL must not be negative, got " + ttl);
      }
      this.cacheTtl = ttl;
      return this;
    }

    /** Whether verifiers call KMS {@code Verify} instead of verifying locally; default false (local). */
    public Builder remoteVerify(boolean remoteVerify) {
      this.remoteVerify = remoteVerify;
      return this;
    }

    /** Clock for the cache's time to live (tests); default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds; SDK clients are created lazily, on the first use of a Region and endpoint. */
    public AwsKms build() {
      if (client != null && explicitClientSettings) {
        throw new InvalidInputException("configure either a KMS client supplier or region/credentials/endpoint/"
            + "HTTP client/retry settings, not both (the supplied client carries its own settings)");
      }
      KmsClientPool pool = client != null ? KmsClientPool.supplied(client)
          : KmsClientPool.of(new KmsClientPool.Settings(region, credentials, endpointOverride, httpClient, retryMode,
              apiCallTimeout));
      return new AwsKms(new KmsKeyStore(pool, cacheTtl, clock, remoteVerify));
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
