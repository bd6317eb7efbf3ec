package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyId;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.testing.servers.TestKms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.Tag;

class AwsKmsKeysTest {
  @RegisterExtension
  static final TestKms LOCAL = TestKms.start();
  private static final byte[] DATA = "release-1.0.tar.gz".getBytes(StandardCharsets.UTF_8);

  private static String uniqueAlias() {
    return "alias/life-" + System.nanoTime();
  }

  private static Map<String, String> tags(KmsClient admin, String arn) {
    Map<String, String> out = new HashMap<>();
    for (Tag t : admin.listResourceTags(b -> b.keyId(arn)).tags()) {
      out.put(t.tagKey(), t.tagValue());
    }
    return out;
  }

  @Test
  void createMakesATaggedSignVerifyKeyBehindTheAlias() {
    String alias = uniqueAlias();
    try (AwsKms kms = LocalAwsKms.of(LOCAL); KmsClient admin = LocalAwsKms.admin(LOCAL)) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String arn = kms.keys().create(alias);
      assertEquals(arn, LOCAL.keyArn(alias));
      KeyMetadata md = admin.describeKey(b -> b.keyId(arn)).keyMetadata();
      assertEquals(KeySpec.ECC_NIST_P256, md.keySpec());
      assertEquals("SIGN_VERIFY", md.keyUsageAsString());
      Map<String, String> tags = tags(admin, arn);
      assertEquals(alias, tags.get(AwsKmsKeys.TAG_ALIAS));
      Instant created = Instant.parse(tags.get(AwsKmsKeys.TAG_CREATED));
      assertFalse(created.isBefore(before));
      assertFalse(tags.containsKey(AwsKmsKeys.TAG_PREVIOUS));

      Signer signer = kms.signer("awskms:///" + alias);
      String pem = kms.keys().publicKeyPem("awskms:///" + alias);
      Verifiers.of(PemKeys.readPublicKey(pem.getBytes(StandardCharsets.US_ASCII), "pem"), signer.algorithm())
          .verify(DATA, signer.sign(DATA));
    }
  }

  @Test
  void createAcceptsBareNamesAndOtherSpecsAndRefusesDuplicates() {
    String name = "life-bare-" + System.nanoTime();
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      String arn = kms.keys().create(name, KeySpec.RSA_3072);
      assertEquals(arn, LOCAL.keyArn("alias/" + name));
      assertEquals(SignatureAlgorithm.RSA_PKCS1V15_SHA256, kms.signer("awskms:///alias/" + name).algorithm());
      InvalidInputException dup = assertThrows(InvalidInputException.class,
          () -> kms.keys().create("alias/" + name));
      assertTrue(dup.getMessage().contains("already exists") && dup.getMessage().contains(arn), dup.getMessage());
      for (KeySpec bad : List.of(KeySpec.ECC_SECG_P256_K1, KeySpec.SM2, KeySpec.HMAC_256, KeySpec.SYMMETRIC_DEFAULT)) {
        assertThrows(InvalidInputException.class, () -> kms.keys().create(uniqueAlias(), bad), bad.toString());
      }
      assertThrows(InvalidInputException.class, () -> kms.keys().create("alias/aws/reserved"));
      assertThrows(InvalidInputException.class,
          () -> kms.keys().create("awskms:///1234abcd-12ab-34cd-56ef-1234567890ab"));
      assertThrows(InvalidInputException.class, () -> kms.keys().create("bad name"));
    }
  }

  @Test
  void rotationKeepsOldSignaturesVerifiableAndHistoryListsNewestFirst() {
    String alias = uniqueAlias();
    String ref = "awskms:///" + alias;
    try (AwsKms kms = LocalAwsKms.of(LOCAL); KmsClient admin = LocalAwsKms.admin(LOCAL)) {
      String first = kms.keys().create(alias);
      BlobSignature oldSig = BlobSigner.of(kms.signer(ref)).sign(DATA);
      String oldPem = kms.keys().publicKeyPem(ref);

      String second = kms.keys().rotate(alias);
      String third = kms.keys().rotate(alias, KeySpec.ECC_NIST_P384);
      assertNotEquals(first, second);
      assertEquals(third, LOCAL.keyArn(alias));
      assertEquals(second, tags(admin, third).get(AwsKmsKeys.TAG_PREVIOUS));
      assertEquals(first, tags(admin, second).get(AwsKmsKeys.TAG_PREVIOUS));
      assertEquals(alias, tags(admin, third).get(AwsKmsKeys.TAG_ALIAS));

      Signer now = kms.signer(ref);
      assertEquals(SignatureAlgorithm.ECDSA_P384_SHA384, now.algorithm(), "rotate cleared the cache");
      BlobSignature newSig = BlobSigner.of(now).sign(DATA);

      List<AwsKmsKeyVersion> history = kms.keys().history(alias);
      assertEquals(List.of(third, second, first), history.stream().map(AwsKmsKeyVersion::keyArn).toList());
      assertTrue(history.get(0).current());
      assertFalse(history.get(1).current() || history.get(2).current());
      assertEquals("ECC_NIST_P384", history.get(0).keySpec());
      assertEquals("ECC_NIST_P256", history.get(2).keySpec());
      for (AwsKmsKeyVersion v : history) {
        assertEquals("Enabled", v.keyState(), "old keys stay enabled");
        assertTrue(v.created().isPresent());
      }

      // the old signature verifies with the old key's exported PEM, its ARN, and the alias's resolver
      Verifiers.of(PemKeys.readPublicKey(oldPem.getBytes(StandardCharsets.US_ASCII), "old"))
          .verify(DATA, oldSig.signature());
      kms.verifier(history.get(2).reference()).verify(DATA, oldSig.signature());
      KeyBackends backends = KeyBackends.builder().register(new AwsKmsKeyProvider(kms)).build();
      KeyResolver resolver = backends.resolver(ref);
      assertEquals(3, resolver.resolve(KeyQuery.any()).size());
      BlobVerifier.of(resolver).verifySignature(new java.io.ByteArrayInputStream(DATA), oldSig.base64());
      BlobVerifier.of(resolver).verifySignature(new java.io.ByteArrayInputStream(DATA), newSig.base64());
      Verifier byId = resolver.resolveOne(KeyQuery.byKeyId(oldSig.keyId()));
      assertEquals(oldSig.keyId(), byId.keyId());
      assertEquals(List.of(), resolver.resolve(KeyQuery.byKeyId(KeyId.parse("bm90LWEta2V5"))));
    }
  }

  @Test
  void historyStopsAtKeysNotTaggedForTheAlias() {
    String alias = uniqueAlias();
    try (AwsKms kms = LocalAwsKms.of(LOCAL); KmsClient admin = LocalAwsKms.admin(LOCAL)) {
      String first = kms.keys().create(alias);
      String second = kms.keys().rotate(alias);
      admin.tagResource(b -> b.keyId(first).tags(Tag.builder().tagKey(AwsKmsKeys.TAG_ALIAS).tagValue("alias/else")
          .build()));
      assertEquals(List.of(second), kms.keys().history(alias).stream().map(AwsKmsKeyVersion::keyArn).toList());
    }
  }

  @Test
  void scheduleDeletionRetiresAKeyAndItDropsOutOfTheResolver() {
    String alias = uniqueAlias();
    String ref = "awskms:///" + alias;
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      String first = kms.keys().create(alias);
      kms.keys().rotate(alias);
      Instant when = kms.keys().scheduleDeletion("awskms:///" + first, 7);
      assertTrue(when.isAfter(Instant.now().plus(6, ChronoUnit.DAYS)), when.toString());
      List<AwsKmsKeyVersion> history = kms.keys().history(alias);
      assertEquals("PendingDeletion", history.get(1).keyState());
      assertEquals(1, new AwsKmsKeyProvider(kms).resolver(dev.countersign.core.spi.KeyReference.parse(ref))
          .resolve(KeyQuery.any()).size());
      BackendException e = assertThrows(BackendException.class, () -> kms.signer("awskms:///" + first));
      assertTrue(e.getMessage().contains("pending deletion"), e.getMessage());
      assertThrows(InvalidInputException.class, () -> kms.keys().scheduleDeletion(ref, 6));
      assertThrows(InvalidInputException.class, () -> kms.keys().scheduleDeletion(ref, 31));
      // an alias resolves to its current key
      String current = LOCAL.keyArn(alias);
      kms.keys().scheduleDeletion(ref, 30);
      assertThrows(BackendException.class, () -> kms.signer("awskms:///" + current));
    }
  }

  @Test
  void lifecycleOnMissingAliasesIsKeyNotFound() {
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      assertThrows(KeyNotFoundException.class, () -> kms.keys().rotate("alias/missing"));
      assertThrows(KeyNotFoundException.class, () -> kms.keys().history("alias/missing"));
      assertThrows(KeyNotFoundException.class, () -> kms.keys().publicKeyPem("awskms:///alias/missing"));
      assertThrows(KeyNotFoundException.class, () -> kms.keys().scheduleDeletion("awskms:///alias/missing", 7));
    }
  }

  @Test
  void createdKeysSignThroughDiscoveredBackendsWithAPinnedProvider() {
    String alias = uniqueAlias();
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      kms.keys().create(alias, KeySpec.ECC_NIST_P521);
      KeyBackends backends = KeyBackends.builder().register(new AwsKmsKeyProvider(kms)).build();
      Signer s = backends.signer("awskms:///" + alias, PasswordSource.none());
      assertEquals(SignatureAlgorithm.ECDSA_P521_SHA512, s.algorithm());
      backends.verifier("awskms:///" + alias).verify(DATA, s.sign(DATA));
    }
  }
}
