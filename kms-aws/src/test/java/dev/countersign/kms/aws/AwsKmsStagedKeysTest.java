package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyId;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Verifiers;
import dev.countersign.core.spi.StagedKey;
import dev.countersign.testing.servers.TestKms;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/** Staged keys for ceremonies: created disabled and without the alias, enabled and aliased on activation. */
class AwsKmsStagedKeysTest {
  @RegisterExtension
  static final TestKms LOCAL = TestKms.start();
  private static final byte[] DATA = "manifest v2".getBytes(StandardCharsets.UTF_8);

  private static KeyState state(KmsClient admin, String arn) {
    return admin.describeKey(b -> b.keyId(arn)).keyMetadata().keyState();
  }

  private static Map<String, String> tags(KmsClient admin, String arn) {
    return admin.listResourceTags(b -> b.keyId(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::tagKey, Tag::tagValue));
  }

  @Test
  void stagedKeyCannotSignAndTheAliasMovesOnlyOnActivation() {
    String alias = "alias/staged-" + System.nanoTime();
    try (AwsKms kms = LocalAwsKms.of(LOCAL); KmsClient admin = LocalAwsKms.admin(LOCAL)) {
      KeyBackends backends = KeyBackends.builder().register(new AwsKmsKeyProvider(kms)).build();
      String old = kms.keys().create(alias);
      StagedKey staged = backends.stage("awskms:///" + alias, SignatureAlgorithm.ECDSA_P256_SHA256);
      String arn = staged.backendId();
      assertTrue(arn.startsWith("arn:aws:kms:") && !arn.equals(old), arn);
      assertEquals(KeyState.DISABLED, state(admin, arn));
      assertEquals(old, LOCAL.keyArn(alias), "the alias still names the current key");
      assertEquals(alias, tags(admin, arn).get(AwsKmsKeys.TAG_PENDING));
      assertEquals(old, tags(admin, arn).get(AwsKmsKeys.TAG_PREVIOUS));
      assertEquals(LOCAL.publicKeyPem(arn), dev.countersign.core.keys.PemKeys.writePublicKey(staged.publicKey()));
      assertThrows(CountersignException.class,
          () -> backends.signer("awskms:///" + arn, PasswordSource.empty()).sign(DATA));

      assertTrue(backends.activate("awskms:///" + arn));
      assertEquals(KeyState.ENABLED, state(admin, arn));
      assertEquals(arn, LOCAL.keyArn(alias));
      assertFalse(tags(admin, arn).containsKey(AwsKmsKeys.TAG_PENDING));
      byte[] sig = backends.signer("awskms:///" + alias, PasswordSource.empty()).sign(DATA);
      Verifiers.of(staged.publicKey()).verify(DATA, sig);
      assertEquals(KeyId.of(staged.publicKey()), backends.signer("awskms:///" + alias, PasswordSource.empty())
          .keyId());

      assertFalse(backends.activate("awskms:///" + arn), "activating again changes nothing");
      assertFalse(backends.activate("awskms:///" + old), "a key that was never staged is left alone");
      assertEquals(arn, LOCAL.keyArn(alias));
    }
  }

  @Test
  void stagingForANewAliasCreatesItOnActivation() {
    String alias = "alias/fresh-" + System.nanoTime();
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      KeyBackends backends = KeyBackends.builder().register(new AwsKmsKeyProvider(kms)).build();
      StagedKey staged = backends.stage("awskms:///" + alias, SignatureAlgorithm.ECDSA_P384_SHA384);
      assertThrows(IllegalArgumentException.class, () -> LOCAL.keyArn(alias), "no alias before activation");
      assertTrue(backends.activate("awskms:///" + staged.backendId()));
      assertEquals(staged.backendId(), LOCAL.keyArn(alias));
    }
  }

  @Test
  void refusesAliasesWhereKeysAreNeededAndFailuresAreMapped() {
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      KeyBackends backends = KeyBackends.builder().register(new AwsKmsKeyProvider(kms)).build();
      String arn = kms.keys().create("alias/x-" + System.nanoTime());
      assertThrows(InvalidInputException.class, () -> backends.stage("awskms:///" + arn,
          SignatureAlgorithm.ECDSA_P256_SHA256));
      assertThrows(InvalidInputException.class, () -> backends.activate("awskms:///alias/whatever"));
      assertThrows(InvalidInputException.class, () -> backends.stage("awskms:///alias/ed",
          SignatureAlgorithm.ED25519));
      LOCAL.failNext("DisableKey", "KMSInvalidStateException", 400);
      String alias = "alias/fails-" + System.nanoTime();
      assertThrows(CountersignException.class, () -> backends.stage("awskms:///" + alias,
          SignatureAlgorithm.ECDSA_P256_SHA256));
      LOCAL.resetFaults();
    }
  }
}
