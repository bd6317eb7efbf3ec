package dev.countersign.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.kms.aws.AwsKms;
import dev.countersign.testing.Countersign;
import dev.countersign.testing.servers.TestKms;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

// docs/testing.md, "A local KMS and key server per test class"
@Countersign
class KmsExampleTest {
  @BeforeAll
  static void createTheReleaseKey(TestKms kms) {             // the class's TestKms, started here
    kms.createAlias("alias/release", kms.createKey("ECC_NIST_P256"));
  }

  static AwsKms awsKms(TestKms kms) {                          // the real AWS SDK, pointed at the TestKms
    return AwsKms.builder()
        .endpointOverride(URI.create(kms.endpoint()))
        .region(Region.of(kms.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Test
  void signsThroughTheRealSdkAndRetriesAThrottledCall(TestKms kms, @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("release.txt"), "v1.0");
    kms.failNext("Sign", "ThrottlingException");               // the SDK retries it
    try (AwsKms aws = awsKms(kms)) {
      BlobSignature sig = BlobSigner.of(aws.signer("awskms:///alias/release")).sign(file);
      BlobVerifier offline = BlobVerifier.of(Verifiers.of(kms.publicKey("alias/release")));
      assertTrue(offline.verifySignature(file, sig.base64()).passed());
    }
    assertEquals(2, kms.count("Sign"));                         // one throttled, one signed
  }

  @Test
  void mapsAwsErrorsToCountersignExceptions(TestKms kms, @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("release.txt"), "v1.0");
    kms.failNext("DescribeKey", "NotFoundException");          // the faults of the previous test are gone
    try (AwsKms aws = awsKms(kms)) {
      assertThrows(KeyNotFoundException.class,
          () -> BlobSigner.of(aws.signer("awskms:///alias/release")).sign(file));
    }
    assertEquals(0, kms.count("Sign"));
  }
}
