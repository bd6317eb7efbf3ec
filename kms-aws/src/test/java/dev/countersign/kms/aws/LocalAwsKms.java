package dev.countersign.kms.aws;

import dev.countersign.testing.servers.TestKms;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Test fixtures: {@link AwsKms} instances pointed at a {@link TestKms}, and a clock tests can move. */
final class LocalAwsKms {
  private LocalAwsKms() {}

  /** An AwsKms for {@code local} with test credentials and {@code clock}. */
  static AwsKms.Builder builder(TestKms local, Clock clock) {
    return AwsKms.builder()
        .region(Region.of(local.region()))
        .endpointOverride(URI.create(local.endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .clock(clock);
  }

  static AwsKms of(TestKms local) {
    return builder(local, Clock.systemUTC()).build();
  }

  /** A plain SDK client for {@code local}, to arrange or inspect keys behind AwsKms's back; the caller closes it. */
  static KmsClient admin(TestKms local) {
    return KmsClient.builder()
        .endpointOverride(URI.create(local.endpoint()))
        .region(Region.of(local.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** A clock that stands still until a test advances it. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
