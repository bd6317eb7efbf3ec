package dev.countersign.testing.servers.kms;

import dev.countersign.testing.servers.TestKms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/** DisableKey, EnableKey, ScheduleKeyDeletion, CancelKeyDeletion, tags and CreateKey validation. */
class TestKmsLifecycleTest {
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

  private static void sign(String keyId) {
    client.sign(b -> b.keyId(keyId).message(SdkBytes.fromByteArray(new byte[32]))
        .messageType(MessageType.DIGEST).signingAlgorithm("ECDSA_SHA_256"));
  }

  @Test
  void disabledKeysRefuseToSignUntilEnabled() {
    String id = kms.createKey("ECC_NIST_P256");
    kms.createAlias("alias/disable-me", id);
    client.disableKey(b -> b.keyId(id));
    KeyMetadata m = client.describeKey(b -> b.keyId(id)).keyMetadata();
    assertFalse(m.enabled());
    assertEquals(KeyState.DISABLED, m.keyState());
    assertThrows(DisabledException.class, () -> sign("alias/disable-me"));
    assertThrows(DisabledException.class, () -> client.getPublicKey(b -> b.keyId(id)));
    client.enableKey(b -> b.keyId(id));
    assertTrue(client.describeKey(b -> b.keyId(id)).keyMetadata().enabled());
    sign("alias/disable-me");
    assertThrows(NotFoundException.class, () -> client.disableKey(b -> b.keyId("alias/disable-me")),
        "DisableKey takes a key id or ARN, not an alias");
  }

  @Test
  void scheduledDeletionMakesTheKeyUnusable() {
    String id = kms.createKey("ECC_NIST_P256");
    KmsException shortWindow = assertThrows(KmsException.class,
        () -> client.scheduleKeyDeletion(b -> b.keyId(id).pendingWindowInDays(6)));
    assertEquals("ValidationException", shortWindow.awsErrorDetails().errorCode());
    assertThrows(KmsException.class, () -> client.scheduleKeyDeletion(b -> b.keyId(id).pendingWindowInDays(31)));

    ScheduleKeyDeletionResponse scheduled = client.scheduleKeyDeletion(b -> b.keyId(id).pendingWindowInDays(7));
    assertEquals(kms.keyArn(id), scheduled.keyId());
    assertEquals(KeyState.PENDING_DELETION, scheduled.keyState());
    assertEquals(7, scheduled.pendingWindowInDays());
    Duration untilDeletion = Duration.between(Instant.now(), scheduled.deletionDate());
    assertTrue(untilDeletion.compareTo(Duration.ofDays(7).minusMinutes(1)) > 0, untilDeletion.toString());

    KeyMetadata m = client.describeKey(b -> b.keyId(id)).keyMetadata();
    assertEquals(KeyState.PENDING_DELETION, m.keyState());
    assertEquals(scheduled.deletionDate(), m.deletionDate());
    assertThrows(KmsInvalidStateException.class, () -> sign(id));
    assertThrows(KmsInvalidStateException.class, () -> client.getPublicKey(b -> b.keyId(id)));
    assertThrows(KmsInvalidStateException.class, () -> client.enableKey(b -> b.keyId(id)));
    assertThrows(KmsInvalidStateException.class, () -> client.scheduleKeyDeletion(b -> b.keyId(id)));

    client.cancelKeyDeletion(b -> b.keyId(id));
    assertEquals(KeyState.DISABLED, client.describeKey(b -> b.keyId(id)).keyMetadata().keyState());
    client.enableKey(b -> b.keyId(id));
    sign(id);
  }

  @Test
  void tagsAtCreationAndAfter() {
    String id = client.createKey(b -> b.keySpec("ECC_NIST_P384").keyUsage("SIGN_VERIFY")
        .tags(Tag.builder().tagKey("team").tagValue("release").build())).keyMetadata().keyId();
    client.tagResource(b -> b.keyId(id).tags(Tag.builder().tagKey("env").tagValue("test").build(),
        Tag.builder().tagKey("team").tagValue("security").build()));
    assertEquals(Map.of("team", "security", "env", "test"), tags(id));
    client.untagResource(b -> b.keyId(kms.keyArn(id)).tagKeys("team"));
    assertEquals(Map.of("env", "test"), tags(id));
    assertThrows(TagException.class, () -> client.tagResource(b -> b.keyId(id)
        .tags(Tag.builder().tagKey("aws:reserved").tagValue("x").build())));
    assertThrows(NotFoundException.class,
        () -> client.listResourceTags(b -> b.keyId("11111111-2222-3333-4444-555555555555")));
  }

  private static Map<String, String> tags(String id) {
    List<Tag> tags = client.listResourceTags(b -> b.keyId(id)).tags();
    return tags.stream().collect(Collectors.toMap(Tag::tagKey, Tag::tagValue));
  }

  @Test
  @SuppressWarnings("deprecation") // CustomerMasterKeySpec is deprecated but still accepted by KMS
  void createKeyValidatesSpecAndUsage() {
    KmsException eccWithoutUsage = assertThrows(KmsException.class,
        () -> client.createKey(b -> b.keySpec("ECC_NIST_P256")));
    assertEquals("ValidationException", eccWithoutUsage.awsErrorDetails().errorCode(),
        "KeyUsage defaults to ENCRYPT_DECRYPT, which ECC keys cannot have");
    KmsException symmetricSigning = assertThrows(KmsException.class,
        () -> client.createKey(b -> b.keySpec("SYMMETRIC_DEFAULT").keyUsage("SIGN_VERIFY")));
    assertEquals("ValidationException", symmetricSigning.awsErrorDetails().errorCode());
    KmsException unknown = assertThrows(KmsException.class,
        () -> client.createKey(b -> b.keySpec("ECC_NIST_P999").keyUsage("SIGN_VERIFY")));
    assertEquals("UnsupportedOperationException", unknown.awsErrorDetails().errorCode());
    assertThrows(UnsupportedOperationException.class,
        () -> client.createKey(b -> b.keySpec("RSA_2048").keyUsage("ENCRYPT_DECRYPT")));
    KmsException bothSpecs = assertThrows(KmsException.class, () -> client.createKey(b -> b
        .keySpec("ECC_NIST_P256").customerMasterKeySpec("ECC_NIST_P256").keyUsage("SIGN_VERIFY")));
    assertEquals("ValidationException", bothSpecs.awsErrorDetails().errorCode());
    assertEquals("ECC_NIST_P521", client.createKey(b -> b.customerMasterKeySpec("ECC_NIST_P521")
        .keyUsage("SIGN_VERIFY")).keyMetadata().keySpecAsString());
  }

  @Test
  void directHelpersSpeakPlainJava() {
    assertThrows(IllegalArgumentException.class, () -> kms.createKey("ECC_NIST_P999"));
    assertThrows(IllegalArgumentException.class, () -> kms.keyArn("alias/never-created"));
    assertThrows(IllegalArgumentException.class, () -> kms.publicKeyPem(kms.createKey("SYMMETRIC_DEFAULT")));
    assertThrows(IllegalArgumentException.class, () -> kms.createAlias("not-an-alias", kms.createKey("RSA_2048")));
    assertThrows(IllegalArgumentException.class, () -> kms.failNext("Sing", "ThrottlingException"));
    assertTrue(kms.publicKeyPem(kms.createKey("ECC_NIST_P256")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
  }
}
