package dev.countersign.testing.servers.kms;

import dev.countersign.testing.servers.TestKms;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The real AWS SDK pointed at a TestKms, as a user would configure it. */
final class Sdk {
  private Sdk() {}

  /** A new KMS client for {@code kms} (url-connection HTTP client, test credentials); the caller closes it. */
  static KmsClient client(TestKms kms) {
    return builder(kms).build();
  }

  static software.amazon.awssdk.services.kms.KmsClientBuilder builder(TestKms kms) {
    return KmsClient.builder()
        .endpointOverride(URI.create(kms.endpoint()))
        .region(Region.of(kms.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }
}
