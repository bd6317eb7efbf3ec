package dev.countersign.testing.servers.kms;

import dev.countersign.testing.servers.TestKms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The key and alias operations of TestKms through the real SDK client. */
class TestKmsTest {
  @RegisterExtension
  static TestKms kms = TestKms.start("eu-west-1");

  static KmsClient client;

  @BeforeAll
  static void client() {
    client = Sdk.client(kms);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void createKeyAnswersMetadataLikeAws() {
    Instant before = Instant.now().minusSeconds(1);
    CreateKeyResponse created = client.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256)
        .keyUsage(KeyUsageType.SIGN_VERIFY).description("test key"));
    KeyMetadata m = created.keyMetadata();
    assertTrue(m.keyId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), m.keyId());
    assertEquals("arn:aws:kms:eu-west-1:111122223333:key/" + m.keyId(), m.arn());
    assertTrue(m.creationDate().isAfter(before) && m.creationDate().isBefore(Instant.now().plusSeconds(1)));
    assertTrue(m.enabled());
    assertEquals(KeyState.ENABLED, m.keyState());
    assertEquals(KeySpec.ECC_NIST_P256, m.keySpec());
    assertEquals(KeyUsageType.SIGN_VERIFY, m.keyUsage());
    assertEquals("test key", m.description());
    assertEquals(List.of(SigningAlgorithmSpec.ECDSA_SHA_256), m.signingAlgorithms());
    assertTrue(m.encryptionAlgorithms().isEmpty());
    assertEquals(1, kms.count("CreateKey"));
  }

  @Test
  void signingAlgorithmsPerKeySpecInAwsOrder() {
    assertEquals(List.of(SigningAlgorithmSpec.ECDSA_SHA_384), describe("ECC_NIST_P384").signingAlgorithms());
    assertEquals(List.of(SigningAlgorithmSpec.ECDSA_SHA_512), describe("ECC_NIST_P521").signingAlgorithms());
    assertEquals(List.of(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
        SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512,
        SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PSS_SHA_384,
        SigningAlgorithmSpec.RSASSA_PSS_SHA_512), describe("RSA_2048").signingAlgorithms());
    KeyMetadata symmetric = client.createKey(b -> b.description("data key")).keyMetadata();
    assertEquals(KeySpec.SYMMETRIC_DEFAULT, symmetric.keySpec());
    assertEquals(KeyUsageType.ENCRYPT_DECRYPT, symmetric.keyUsage());
    assertEquals("[SYMMETRIC_DEFAULT]", symmetric.encryptionAlgorithmsAsStrings().toString());
    assertTrue(symmetric.signingAlgorithms().isEmpty());
  }

  private static KeyMetadata describe(String spec) {
    String id = client.createKey(b -> b.keySpec(spec).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId();
    return client.describeKey(b -> b.keyId(id)).keyMetadata();
  }

  @Test
  void describeKeyAcceptsEveryIdentifierForm() {
    String id = kms.createKey("ECC_NIST_P256");
    kms.createAlias("alias/forms", id);
    String arn = "arn:aws:kms:eu-west-1:111122223333:key/" + id;
    for (String identifier : List.of(id, arn, "alias/forms", "arn:aws:kms:eu-west-1:111122223333:alias/forms")) {
      assertEquals(arn, client.describeKey(b -> b.keyId(identifier)).keyMetadata().arn(), identifier);
    }
    for (String unknown : List.of("alias/none", "00000000-0000-0000-0000-000000000000",
        "arn:aws:kms:us-east-1:111122223333:key/" + id, "arn:aws:kms:eu-west-1:999999999999:key/" + id)) {
      assertThrows(NotFoundException.class, () -> client.describeKey(b -> b.keyId(unknown)), unknown);
    }
  }

  @Test
  void aliasesCreateListUpdateDelete() {
    String first = kms.createKey("ECC_NIST_P256");
    String second = kms.createKey("RSA_2048");
    client.createAlias(b -> b.aliasName("alias/app/signing").targetKeyId(first));
    assertThrows(AlreadyExistsException.class,
        () -> client.createAlias(b -> b.aliasName("alias/app/signing").targetKeyId(second)));
    List<AliasListEntry> ofFirst = client.listAliases(b -> b.keyId(first)).aliases();
    assertEquals(1, ofFirst.size());
    assertEquals("alias/app/signing", ofFirst.get(0).aliasName());
    assertEquals("arn:aws:kms:eu-west-1:111122223333:alias/app/signing", ofFirst.get(0).aliasArn());
    assertEquals(first, ofFirst.get(0).targetKeyId());
    assertNotNull(ofFirst.get(0).creationDate());

    client.updateAlias(b -> b.aliasName("alias/app/signing").targetKeyId(second));
    assertEquals(KeySpec.RSA_2048, client.describeKey(b -> b.keyId("alias/app/signing")).keyMetadata().keySpec());
    assertTrue(client.listAliases(b -> b.keyId(first)).aliases().isEmpty());
    assertTrue(client.listAliases().aliases().stream().anyMatch(a -> a.aliasName().equals("alias/app/signing")));

    client.deleteAlias(b -> b.aliasName("alias/app/signing"));
    assertThrows(NotFoundException.class, () -> client.describeKey(b -> b.keyId("alias/app/signing")));
    assertThrows(NotFoundException.class, () -> client.deleteAlias(b -> b.aliasName("alias/app/signing")));
  }

  @Test
  void listAliasesPages() {
    String id = kms.createKey("ECC_NIST_P256");
    for (int i = 0; i < 5; i++) {
      kms.createAlias("alias/page-" + i, id);
    }
    var first = client.listAliases(b -> b.keyId(id).limit(2));
    assertTrue(first.truncated());
    assertEquals(2, first.aliases().size());
    long all = client.listAliasesPaginator(b -> b.keyId(id).limit(2)).aliases().stream().count();
    assertEquals(5, all);
  }

  @Test
  void getPublicKeyAndSignDigest() throws Exception {
    String id = kms.createKey("ECC_NIST_P256");
    kms.createAlias("alias/sign", id);
    GetPublicKeyResponse pub = client.getPublicKey(b -> b.keyId("alias/sign"));
    assertEquals(kms.keyArn(id), pub.keyId());
    assertEquals(KeySpec.ECC_NIST_P256, pub.keySpec());
    assertEquals(KeyUsageType.SIGN_VERIFY, pub.keyUsage());
    assertEquals(List.of(SigningAlgorithmSpec.ECDSA_SHA_256), pub.signingAlgorithms());
    PublicKey publicKey = KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(pub.publicKey().asByteArray()));
    assertEquals(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKey.getEncoded()),
        kms.publicKeyPem(id).replace("-----BEGIN PUBLIC KEY-----\n", "")
            .replace("\n-----END PUBLIC KEY-----\n", ""));

    byte[] data = "payload".getBytes();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
    SignResponse signed = client.sign(b -> b.keyId("alias/sign").message(SdkBytes.fromByteArray(digest))
        .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
    assertEquals(kms.keyArn(id), signed.keyId());
    assertEquals(SigningAlgorithmSpec.ECDSA_SHA_256, signed.signingAlgorithm());
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(data);
    assertTrue(verifier.verify(signed.signature().asByteArray()));
    verifier.initVerify(publicKey);
    verifier.update("other".getBytes());
    assertFalse(verifier.verify(signed.signature().asByteArray()));
    assertEquals(1, kms.count("Sign"));
    assertTrue(kms.requests("Sign").get(0).requestBodyBytes() < 1024);
  }
}
