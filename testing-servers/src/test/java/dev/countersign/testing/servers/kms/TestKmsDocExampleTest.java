package dev.countersign.testing.servers.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.Verifiers;
import dev.countersign.testing.servers.TestKms;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The TestKms example of docs/testing.md, verbatim: keep the two in sync. */
class TestKmsDocExampleTest {
  // --- docs/testing.md: TestKms example ---
  @RegisterExtension
  static final TestKms KMS = TestKms.start();
  static final String KEY = KMS.createKey("ECC_NIST_P256");

  static KmsClient client() {
    return KmsClient.builder()
        .endpointOverride(URI.create(KMS.endpoint()))
        .region(Region.of(KMS.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Test
  void signsWithTheRealSdkAndRetriesAThrottledCall() {
    KMS.createAlias("alias/release", KEY);
    KMS.failNext("Sign", "ThrottlingException");                 // the SDK retries it
    byte[] data = "artifact".getBytes(StandardCharsets.UTF_8);
    try (KmsClient kms = client()) {
      byte[] signature = kms.sign(b -> b.keyId("alias/release").message(SdkBytes.fromByteArray(data))
          .messageType(MessageType.RAW).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
          .signature().asByteArray();
      Verifiers.of(KMS.publicKey(KEY)).verify(data, signature); // throws unless valid
    }
    assertEquals(2, KMS.count("Sign"));
  }

  @Test
  void answersAwsErrorShapesOnDemand() {
    KMS.failNext("GetPublicKey", "AccessDeniedException");
    try (KmsClient kms = client()) {
      KmsException e = assertThrows(KmsException.class, () -> kms.getPublicKey(b -> b.keyId(KEY)));
      assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
      assertEquals(400, e.statusCode());
    }
  }
  // --- end of example ---
}
