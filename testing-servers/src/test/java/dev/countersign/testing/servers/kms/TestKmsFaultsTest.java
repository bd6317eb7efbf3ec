package dev.countersign.testing.servers.kms;

import dev.countersign.testing.servers.TestKms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** Injected faults as the SDK sees them: throttling and retries, failures, delays, garbage, swapped aliases. */
class TestKmsFaultsTest {
  @RegisterExtension
  static TestKms kms = TestKms.start();

  static KmsClient client;

  @BeforeAll
  static void client() {
    client = Sdk.client(kms);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static void sign(KmsClient kmsClient, String keyId) {
    kmsClient.sign(b -> b.keyId(keyId).message(SdkBytes.fromByteArray(new byte[32]))
        .messageType(MessageType.DIGEST).signingAlgorithm("ECDSA_SHA_256"));
  }

  private static KmsClient clientWithFastRetries(int maxAttempts) {
    return KmsClient.builder()
        .endpointOverride(URI.create(kms.endpoint()))
        .region(Region.of(kms.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(maxAttempts)
            .backoffStrategy(BackoffStrategy.retryImmediately())
            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())))
        .build();
  }

  @Test
  void throttlingOnEveryCallExhaustsTheRetries() {
    String id = kms.createKey("ECC_NIST_P256");
    kms.throttleEvery(1);
    try (KmsClient fast = clientWithFastRetries(3)) {
      KmsException e = assertThrows(KmsException.class, () -> sign(fast, id));
      assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
      assertEquals(400, e.statusCode());
      assertTrue(e.isThrottlingException());
      assertEquals(3, e.numAttempts());
    }
    assertEquals(3, kms.count("Sign"));
    assertTrue(kms.requests("Sign").stream().allMatch(r -> "ThrottlingException".equals(r.errorType())));
  }

  @Test
  void throttlingEveryThirdCallIsRetriedAway() {
    String id = kms.createKey("ECC_NIST_P256");
    kms.throttleEvery(3);
    for (int i = 0; i < 6; i++) {
      sign(client, id); // the default SDK client retries throttling with backoff
    }
    // requests 3 and 6 are throttled and retried as requests 4 and 7: 8 Sign requests for 6 signatures
    assertEquals(8, kms.count("Sign"), kms.requests().toString());
    assertEquals(2, kms.requests("Sign").stream().filter(r -> !r.succeeded()).count());
  }

  @Test
  void failNextAnswersTheErrorOnceAndOnlyForThatOperation() {
    String id = kms.createKey("ECC_NIST_P256");
    kms.failNext("Sign", "NotFoundException");
    client.describeKey(b -> b.keyId(id));
    assertThrows(NotFoundException.class, () -> sign(client, id));
    sign(client, id);
    kms.failNext("GetPublicKey", "KMSInternalException", 500);
    try (KmsClient noRetries = clientWithFastRetries(1)) {
      KmsInternalException e = assertThrows(KmsInternalException.class,
          () -> noRetries.getPublicKey(b -> b.keyId(id)));
      assertEquals(500, e.statusCode());
    }
    assertEquals(2, kms.count("Sign"));
    assertEquals(1, kms.count("DescribeKey"));
  }

  @Test
  void delayNextTripsTheClientsAttemptTimeout() {
    String id = kms.createKey("ECC_NIST_P256");
    kms.delayNext("Sign", Duration.ofMillis(1500));
    try (KmsClient impatient = KmsClient.builder()
        .endpointOverride(URI.create(kms.endpoint()))
        .region(Region.of(kms.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(300))
            .retryStrategy(r -> r.maxAttempts(1)))
        .build()) {
      long start = System.nanoTime();
      assertThrows(ApiCallAttemptTimeoutException.class, () -> sign(impatient, id));
      assertTrue(kms.awaitIdle(Duration.ofSeconds(10)));
      assertTrue(System.nanoTime() - start >= Duration.ofMillis(1400).toNanos(), "the answer was held back");
      assertEquals(1, kms.count("Sign"), "the delayed Sign was answered (to nobody) and logged");
      sign(impatient, id); // only the next call was delayed
    }
  }

  @Test
  void garbagePublicKeyIsNotAKey() throws Exception {
    String id = kms.createKey("ECC_NIST_P256");
    kms.garbagePublicKeyNext();
    byte[] garbage = client.getPublicKey(b -> b.keyId(id)).publicKey().asByteArray();
    assertThrows(InvalidKeySpecException.class,
        () -> KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(garbage)));
    byte[] real = client.getPublicKey(b -> b.keyId(id)).publicKey().asByteArray();
    assertFalse(Arrays.equals(garbage, real));
    KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(real)); // only the next one was garbage
  }

  @Test
  void aliasSwappedToAnotherKeySpecBehindTheCallersBack() {
    String ec = kms.createKey("ECC_NIST_P256");
    String rsa = kms.createKey("RSA_3072");
    kms.createAlias("alias/swapped", ec);
    assertEquals("ECC_NIST_P256", client.describeKey(b -> b.keyId("alias/swapped")).keyMetadata().keySpecAsString());
    kms.updateAlias("alias/swapped", rsa);
    assertEquals("RSA_3072", client.getPublicKey(b -> b.keyId("alias/swapped")).keySpecAsString());
    assertThrows(InvalidKeyUsageException.class,
        () -> sign(client, "alias/swapped"));
    String symmetric = kms.createKey("SYMMETRIC_DEFAULT");
    KmsException e = assertThrows(KmsException.class,
        () -> client.updateAlias(b -> b.aliasName("alias/swapped").targetKeyId(symmetric)));
    assertEquals("ValidationException", e.awsErrorDetails().errorCode(), "KMS keeps an alias's key usage");
  }

  @Test
  void extensionResetsFaultsAndLogBeforeEachTest() {
    assertTrue(kms.requests().isEmpty(), kms.requests().toString());
    String id = kms.createKey("ECC_NIST_P256");
    sign(client, id);
    sign(client, id);
    sign(client, id); // no throttling left over from another test
    assertEquals(3, kms.count("Sign"));
  }
}
