package dev.countersign.cli;

import dev.countersign.testing.servers.TestKms;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Points the AWS SDK at a {@link TestKms} the way the SDK reads its environment (its system properties: endpoint,
 * region, static test credentials) for one test class, and restores the previous values afterwards. Register it
 * after the {@code TestKms} field: {@code @RegisterExtension static final SdkPointedAtTestKms SDK = ...of(KMS)}.
 */
final class SdkPointedAtTestKms implements BeforeAllCallback, AfterAllCallback {
  private final TestKms kms;
  private final Map<String, String> saved = new HashMap<>();

  private SdkPointedAtTestKms(TestKms kms) {
    this.kms = kms;
  }

  static SdkPointedAtTestKms of(TestKms kms) {
    return new SdkPointedAtTestKms(kms);
  }

  /** A plain SDK client for {@code kms}, to inspect keys behind the CLI's back; the caller closes it. */
  static KmsClient client(TestKms kms) {
    return KmsClient.builder()
        .endpointOverride(URI.create(kms.endpoint()))
        .region(Region.of(kms.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    set("aws.endpointUrlKms", kms.endpoint());
    set("aws.region", kms.region());
    set("aws.accessKeyId", "test");
    set("aws.secretAccessKey", "test");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    saved.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
    saved.clear();
  }

  private void set(String key, String value) {
    saved.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
  }
}
