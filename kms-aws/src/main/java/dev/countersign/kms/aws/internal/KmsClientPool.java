package dev.countersign.kms.aws.internal;

import dev.countersign.core.InvalidInputException;
import dev.countersign.kms.aws.AwsKmsKeyReference;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * SDK clients by (Region, endpoint): one per Region an ARN names and per endpoint a reference names, built lazily
 * and closed with the pool. With a caller's client supplier, that one client serves every reference (and is not
 * closed here) after checking that an ARN's Region and a reference's endpoint agree with it.
 */
public final class KmsClientPool implements AutoCloseable {
  /** What an explicit configuration sets; null fields fall back to the SDK's defaults. */
  public record Settings(Region region, AwsCredentialsProvider credentials, URI endpointOverride,
      SdkHttpClient httpClient, RetryMode retryMode, Duration apiCallTimeout) {}

  private final Settings settings;
  private final Supplier<KmsClient> supplier;
  private volatile KmsClient supplied;
  private final Map<String, KmsClient> clients = new ConcurrentHashMap<>();

  private KmsClientPool(Settings settings, Supplier<KmsClient> supplier) {
    this.settings = settings;
    this.supplier = supplier;
  }

  /** A pool that builds its clients from {@code settings}. */
  public static KmsClientPool of(Settings settings) {
    return new KmsClientPool(settings, null);
  }

  /** A pool over the caller's client (obtained once, on first use; not closed by the pool). */
  public static KmsClientPool supplied(Supplier<KmsClient> supplier) {
    return new KmsClientPool(null, supplier);
  }

  /** Identifies the client {@link #client} returns for {@code ref}, for cache keys. */
  public String clientKey(AwsKmsKeyReference ref) {
    if (supplier != null) {
      return "supplied";
    }
    return region(ref).map(Region::id).orElse("") + "|" + endpoint(ref).map(URI::toString).orElse("");
  }

  /** The client for {@code ref}. */
  public KmsClient client(AwsKmsKeyReference ref) {
    if (supplier != null) {
      return checked(suppliedClient(), ref);
    }
    return clients.computeIfAbsent(clientKey(ref), k -> build(ref));
  }

  private KmsClient suppliedClient() {
    KmsClient c = supplied;
    if (c == null) {
      synchronized (this) {
        c = supplied;
        if (c == null) {
          c = supplier.get();
          if (c == null) {
            throw new InvalidInputException("the KMS client supplier returned null");
          }
          supplied = c;
        }
      }
    }
    return c;
  }

  private static KmsClient checked(KmsClient c, AwsKmsKeyReference ref) {
    software.amazon.awssdk.services.kms.KmsServiceClientConfiguration conf;
    try {
      conf = c.serviceClientConfiguration();
    } catch (UnsupportedOperationException e) {
      return c; // a test double or proxy without a configuration: nothing to check against
    }
    if (ref.region().isPresent() && conf.region() != null && !conf.region().id().equals(ref.region().get())) {
      throw new InvalidInputException("KMS key " + ref + " is in Region " + ref.region().get()
          + " but the supplied KMS client is configured for " + conf.region().id());
    }
    if (ref.endpoint().isPresent() && !ref.endpoint().equals(conf.endpointOverride())) {
      throw new InvalidInputException("KMS key " + ref + " names endpoint " + ref.endpoint().get()
          + " but the supplied KMS client uses " + conf.endpointOverride().map(URI::toString).orElse("the default"));
    }
    return c;
  }

  private Optional<Region> region(AwsKmsKeyReference ref) {
    return ref.region().map(Region::of).or(() -> Optional.ofNullable(settings.region()));
  }

  private Optional<URI> endpoint(AwsKmsKeyReference ref) {
    return ref.endpoint().or(() -> Optional.ofNullable(settings.endpointOverride()));
  }

  private KmsClient build(AwsKmsKeyReference ref) {
    KmsClientBuilder b = KmsClient.builder();
    region(ref).ifPresent(b::region);
    endpoint(ref).ifPresent(b::endpointOverride);
    if (settings.credentials() != null) {
      b.credentialsProvider(settings.credentials());
    }
    if (settings.httpClient() != null) {
      b.httpClient(settings.httpClient());
    }
    b.overrideConfiguration(o -> {
      o.retryStrategy(settings.retryMode());
      if (settings.apiCallTimeout() != null) {
        o.apiCallTimeout(settings.apiCallTimeout());
      }
    });
    try {
      return b.build();
    } catch (SdkException e) {
      throw KmsErrors.map(e, "client setup", ref.toString());
    }
  }

  /** Closes the clients this pool built (a supplied client and a caller's HTTP client stay open). */
  @Override
  public void close() {
    for (KmsClient c : clients.values()) {
      c.close();
    }
    clients.clear();
  }
}
