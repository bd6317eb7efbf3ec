package dev.countersign.cli;

import dev.countersign.kms.aws.testing.LocalKms;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points the AWS SDK at a {@link LocalKms} the way the SDK reads its environment (its system properties: endpoint,
 * region, static test credentials) for one test class, and restores the previous values afterwards. Register it
 * after the {@code LocalKms} field: {@code @RegisterExtension static final SdkPointedAtLocalKms SDK = ...of(KMS)}.
 */
final class SdkPointedAtLocalKms implements BeforeAllCallback, AfterAllCallback {
  private final LocalKms kms;
  private final Map<String, String> saved = new HashMap<>();

  private SdkPointedAtLocalKms(LocalKms kms) {
    this.kms = kms;
  }

  static SdkPointedAtLocalKms of(LocalKms kms) {
    return new SdkPointedAtLocalKms(kms);
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
