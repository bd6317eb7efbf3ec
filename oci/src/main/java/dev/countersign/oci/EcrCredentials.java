package dev.countersign.oci;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.ecr.EcrHost;
import dev.countersign.oci.internal.ecr.EcrTokens;
import dev.countersign.oci.internal.ecr.TokenCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Credentials for Amazon ECR private registries ({@code <account>.dkr.ecr.<region>.amazonaws.com}, also
 * {@code .amazonaws.com.cn} and {@code dkr.ecr-fips}), from ECR's {@code GetAuthorizationToken} through the AWS SDK
 * v2: the account and region come from the registry host, the token ({@code AWS:<password>}) becomes Basic
 * credentials for user {@code AWS}. Needs the IAM permission {@code ecr:GetAuthorizationToken}. Other hosts get
 * empty, so it chains: {@code CredentialsProvider.chain(EcrCredentials.fromEnvironment(),
 * CredentialsProvider.dockerConfig())}.
 *
 * <p>Tokens are cached per registry until 5 minutes before they expire (ECR's last 12 hours); concurrent lookups of
 * one registry make one request. When no AWS credentials can be found at all the lookup is empty (the chain goes on);
 * ECR refusing the request is a {@link RegistryException} naming the registry. Tokens are never logged nor put in
 * messages. Thread-safe; {@link #close()} releases the SDK clients.
 *
 * <p>The AWS SDK is an optional dependency of this module: add {@code software.amazon.awssdk:ecr} and an HTTP client
 * (such as {@code url-connection-client}) to use this class. Without them only this class is unusable.
 */
public final class EcrCredentials implements CredentialsProvider, AutoCloseable {
  private static final String SDK_CLASS = "software.amazon.awssdk.services.ecr.EcrClient";

  private final EcrTokens tokens;
  private final TokenCache cache;
  private final Map<String, EcrHost> aliases;
  private final String description;

  private EcrCredentials(Builder b) {
    this.aliases = Map.copyOf(b.aliases);
    this.tokens = new EcrTokens(b.credentialsProvider, b.httpClient, b.endpoint, b.region);
    this.cache = new TokenCache(b.clock, b.margin);
    this.description = "EcrCredentials[" + (b.region == null ? "region from host" : "region=" + b.region)
        + (b.endpoint == null ? "" : ", endpoint=" + b.endpoint) + (aliases.isEmpty() ? "" : ", aliases="
        + aliases.keySet()) + "]";
  }

  /**
   * The SDK's defaults: the default AWS credentials chain (environment, profiles, SSO, web identity, container and
   * instance roles), the HTTP client found on the class path, and the SDK's endpoint resolution, which honours
   * {@code AWS_ENDPOINT_URL_ECR} and {@code AWS_ENDPOINT_URL}.
   */
  public static EcrCredentials fromEnvironment() {
    return builder().build();
  }

  /** A builder; fails with a {@link BackendException} when the optional AWS SDK ECR jar is missing. */
  public static Builder builder() {
    try {
      Class.forName(SDK_CLASS, false, EcrCredentials.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new BackendException("EcrCredentials needs the AWS SDK for ECR on the class path: add "
          + "software.amazon.awssdk:ecr (an optional dependency of countersign-oci) and an SDK HTTP client such as "
          + "software.amazon.awssdk:url-connection-client", false, e);
    }
    return new Builder();
  }

  /** Whether {@code registry} ({@code host} or {@code host:port}) is an ECR private registry host. */
  public static boolean isEcrRegistry(String registry) {
    return EcrHost.parse(registry).isPresent();
  }

  @Override
  public Optional<Credentials> credentials(String registry) {
    if (registry == null) {
      return Optional.empty();
    }
    String key = EcrHost.normalize(registry);
    Optional<EcrHost> target = Optional.ofNullable(aliases.get(key)).or(() -> EcrHost.parse(key));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(cache.get(key, k -> tokens.fetch(registry, target.get())
          .orElseThrow(NoAwsCredentials::new)));
    } catch (NoAwsCredentials none) {
      return Optional.empty();
    }
  }

  /** Releases the SDK clients and wipes the cached tokens; lookups fail afterwards. */
  @Override
  public void close() {
    tokens.close();
    cache.clear();
  }

  @Override
  public String toString() {
    return description;
  }

  /** Signals "no AWS credentials" through the cache without caching anything. */
  private static final class NoAwsCredentials extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoAwsCredentials() {
      super(null, null, false, false);
    }
  }

  /** Builds an {@link EcrCredentials}; every setting is optional. */
  public static final class Builder {
    private AwsCredentialsProvider credentialsProvider;
    private SdkHttpClient httpClient;
    private URI endpoint;
    private String region;
    private Clock clock = Clock.systemUTC();
    private Duration margin = Duration.ofMinutes(5);
    private final Map<String, EcrHost> aliases = new HashMap<>();

    private Builder() {}

    /** AWS credentials for the ECR API (default: the SDK's default credentials chain). */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** The SDK HTTP client (default: the one the SDK finds on the class path); not closed by this provider. */
    public Builder httpClient(SdkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The ECR API endpoint, such as a VPC endpoint (default: the SDK's, from the region). */
    public Builder endpointOverride(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw new InvalidInputException("ECR endpoint must be an absolute http(s) URI, got " + endpoint);
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Signs and sends every call in this region instead of the registry host's (for an endpoint that serves one
     * region). Default: the region in the registry host.
     */
    public Builder region(String region) {
      this.region = EcrHost.checkRegion(region);
      return this;
    }

    /** How long before expiry a cached token is replaced (default 5 minutes, 0 to 1 hour). */
    public Builder refreshMargin(Duration margin) {
      if (margin == null || margin.isNegative() || margin.compareTo(Duration.ofHours(1)) > 0) {
        throw new InvalidInputException("refresh margin must be 0 to 1 hour");
      }
      this.margin = margin;
      return this;
    }

    /** The clock that decides when cached tokens are due (default: the system clock; for tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Treats {@code registry} ({@code host} or {@code host:port}) as the ECR registry of {@code account} in
     * {@code region}: a testing and proxy aid, for a registry reached under another name (a local test registry, a
     * pull-through proxy or a private DNS name in front of ECR) that accepts ECR's tokens.
     */
    public Builder registryAlias(String registry, String account, String region) {
      if (registry == null || registry.isBlank()) {
        throw new InvalidInputException("registry alias host must be non-empty");
      }
      aliases.put(EcrHost.normalize(registry), new EcrHost(account, region, false));
      return this;
    }

    public EcrCredentials build() {
      return new EcrCredentials(this);
    }
  }
}
