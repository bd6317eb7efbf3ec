package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.BackendException;
import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifiers;
import dev.countersign.testing.servers.TestKms;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

class AwsKmsErrorsTest {
  @RegisterExtension
  static final TestKms LOCAL = TestKms.start();
  private static final String SECRET = "s3cr3tAccessKeyValue";
  private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

  private static AwsKms kms() {
    return LocalAwsKms.builder(LOCAL, Clock.systemUTC())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", SECRET)))
        .build();
  }

  private static String alias(String spec) {
    String name = "alias/err-" + System.nanoTime();
    LOCAL.createAlias(name, LOCAL.createKey(spec));
    return "awskms:///" + name;
  }

  private static <T extends CountersignException> T fails(Class<T> type, Executable call, String... mentions) {
    T e = assertThrows(type, call);
    for (String m : mentions) {
      assertTrue(e.getMessage().contains(m), "'" + m + "' missing from: " + e.getMessage());
    }
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    return e;
  }

  @Test
  void unknownAliasAndKeyAreKeyNotFound() {
    try (AwsKms kms = kms()) {
      fails(KeyNotFoundException.class, () -> kms.signer("awskms:///alias/nope"), "alias/nope", "NotFoundException");
      String id = "awskms:///1234abcd-12ab-34cd-56ef-1234567890ab";
      fails(KeyNotFoundException.class, () -> kms.verifier(id), "1234abcd-12ab-34cd-56ef-1234567890ab");
    }
  }

  @Test
  void disabledKeyIsANonRetryableBackendError() {
    String ref = alias("ECC_NIST_P256");
    String arn = LOCAL.keyArn(ref.substring(10));
    try (AwsKms kms = kms(); KmsClient admin = LocalAwsKms.admin(LOCAL)) {
      Signer signer = kms.signer(ref);
      admin.disableKey(b -> b.keyId(arn));
      BackendException atSign = fails(BackendException.class, () -> signer.sign(DATA), arn, "is disabled");
      assertFalse(atSign.retryable());
      kms.clearCache();
      BackendException atDescribe = fails(BackendException.class, () -> kms.signer(ref), arn, "is disabled");
      assertFalse(atDescribe.retryable());
    }
  }

  @Test
  void pendingDeletionIsANonRetryableBackendError() {
    String ref = alias("ECC_NIST_P256");
    String arn = LOCAL.keyArn(ref.substring(10));
    try (AwsKms kms = kms(); KmsClient admin = LocalAwsKms.admin(LOCAL)) {
      Signer signer = kms.signer(ref);
      admin.scheduleKeyDeletion(b -> b.keyId(arn).pendingWindowInDays(7));
      BackendException atSign = fails(BackendException.class, () -> signer.sign(DATA), arn, "pending deletion");
      assertFalse(atSign.retryable());
      kms.clearCache();
      fails(BackendException.class, () -> kms.signer(ref), arn, "is pending deletion", "scheduled for");
    }
  }

  @Test
  void throttlingEveryThirdCallIsRetriedBySdkAndSucceeds() {
    String ref = alias("ECC_NIST_P256");
    try (AwsKms kms = kms()) {
      LOCAL.throttleEvery(3);
      Signer signer = kms.signer(ref);
      for (int i = 0; i < 6; i++) {
        byte[] d = ("m" + i).getBytes(StandardCharsets.UTF_8);
        Verifiers.of(signer).verify(d, signer.sign(d));
      }
      assertTrue(LOCAL.requests().stream().anyMatch(r -> "ThrottlingException".equals(r.errorType())),
          "the server did throttle");
    }
  }

  @Test
  void persistentThrottlingIsRetryableAfterTheSdkRetries() {
    String ref = alias("ECC_NIST_P256");
    try (AwsKms kms = kms()) {
      Signer signer = kms.signer(ref);
      LOCAL.clearRequests();
      for (int i = 0; i < 3; i++) {
        LOCAL.failNext("Sign", "ThrottlingException");
      }
      BackendException e = fails(BackendException.class, () -> signer.sign(DATA), "throttled", "Sign");
      assertTrue(e.retryable());
      assertEquals(3, LOCAL.count("Sign"), "standard retry mode: 3 attempts");
    }
  }

  @Test
  void serverErrorsAreRetriedThenRetryable() {
    String ref = alias("ECC_NIST_P256");
    try (AwsKms kms = kms()) {
      Signer signer = kms.signer(ref);
      LOCAL.failNext("Sign", "KMSInternalException", 500).failNext("Sign", "KMSInternalException", 500);
      signer.sign(DATA);
      LOCAL.clearRequests();
      for (int i = 0; i < 3; i++) {
        LOCAL.failNext("Sign", "KMSInternalException", 500);
      }
      BackendException e = fails(BackendException.class, () -> signer.sign(DATA), "HTTP 500", "KMSInternalException");
      assertTrue(e.retryable());
      assertEquals(3, LOCAL.count("Sign"));
    }
  }

  @Test
  void timeoutsAreRetryable() {
    String ref = alias("ECC_NIST_P256");
    try (AwsKms kms = LocalAwsKms.builder(LOCAL, Clock.systemUTC()).apiCallTimeout(Duration.ofMillis(700)).build()) {
      Signer signer = kms.signer(ref);
      LOCAL.delayNext("Sign", Duration.ofSeconds(3));
      BackendException e = fails(BackendException.class, () -> signer.sign(DATA), "timed out");
      assertTrue(e.retryable());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"AccessDeniedException", "InvalidKeyUsageException", "DisabledException",
      "KMSInvalidStateException"})
  void clientSideRefusalsAreNotRetryable(String errorType) {
    String ref = alias("ECC_NIST_P256");
    String arn = LOCAL.keyArn(ref.substring(10));
    try (AwsKms kms = kms()) {
      Signer signer = kms.signer(ref);
      LOCAL.clearRequests();
      LOCAL.failNext("Sign", errorType);
      BackendException e = fails(BackendException.class, () -> signer.sign(DATA), arn, errorType);
      assertFalse(e.retryable());
      assertEquals(1, LOCAL.count("Sign"), "not retried");
      if (errorType.equals("AccessDeniedException")) {
        assertTrue(e.getMessage().contains("kms:Sign"), e.getMessage());
      }
    }
  }

  @Test
  void garbagePublicKeyIsInvalidInputAndNotCached() {
    String ref = alias("ECC_NIST_P256");
    try (AwsKms kms = kms()) {
      LOCAL.garbagePublicKeyNext();
      fails(InvalidInputException.class, () -> kms.signer(ref), "GetPublicKey", LOCAL.keyArn(ref.substring(10)));
      Signer ok = kms.signer(ref);
      Verifiers.of(ok).verify(DATA, ok.sign(DATA));
    }
  }

  @Test
  void symmetricKeysCannotSign() {
    String ref = alias("SYMMETRIC_DEFAULT");
    try (AwsKms kms = kms()) {
      fails(InvalidInputException.class, () -> kms.signer(ref), LOCAL.keyArn(ref.substring(10)), "ENCRYPT_DECRYPT",
          "SIGN_VERIFY");
    }
  }

  @Test
  void aSuppliedClientMustMatchAnArnsRegionAndEndpoint() {
    try (KmsClient client = LocalAwsKms.admin(LOCAL);
        AwsKms kms = AwsKms.builder().client(() -> client).build()) {
      String other = "awskms:///arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      fails(InvalidInputException.class, () -> kms.signer(other), "eu-west-1", LOCAL.region());
      fails(InvalidInputException.class, () -> kms.signer("awskms://kms.example:443/alias/x"), "kms.example");
      String ref = alias("ECC_NIST_P256");
      Signer s = kms.signer(ref);
      Verifiers.of(s).verify(DATA, s.sign(DATA));
    }
  }

  @Test
  void builderRefusesASupplierWithClientSettings() {
    assertThrows(InvalidInputException.class,
        () -> AwsKms.builder().client(() -> LocalAwsKms.admin(LOCAL)).region(Region.US_EAST_1).build());
    assertThrows(InvalidInputException.class, () -> AwsKms.builder().endpointOverride(URI.create("relative")));
    assertThrows(InvalidInputException.class, () -> AwsKms.builder().publicKeyCacheTtl(Duration.ofSeconds(-1)));
    assertThrows(InvalidInputException.class, () -> AwsKms.builder().apiCallTimeout(Duration.ZERO));
  }

  @Test
  void missingCredentialsAreAConfigurationError() {
    try (AwsKms kms = AwsKms.builder().region(Region.US_EAST_1).endpointOverride(URI.create(LOCAL.endpoint()))
        .credentialsProvider(() -> {
          throw software.amazon.awssdk.core.exception.SdkClientException.create(
              "Unable to load credentials from any of the providers in the chain. Details follow.");
        }).build()) {
      BackendException e = fails(BackendException.class, () -> kms.signer("awskms:///alias/x"), "not configured",
          "Unable to load credentials");
      assertFalse(e.retryable());
      assertEquals(0, LOCAL.requests().size(), "nothing was sent");
    }
  }

  @Test
  void unreachableEndpointIsRetryable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (AwsKms kms = AwsKms.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", SECRET)))
        .build()) {
      BackendException e = fails(BackendException.class, () -> kms.signer("awskms:///alias/x"), "alias/x",
          "DescribeKey");
      assertTrue(e.retryable());
      assertInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class, e.getCause());
    }
  }
}
