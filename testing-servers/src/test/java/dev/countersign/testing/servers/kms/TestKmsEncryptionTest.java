package dev.countersign.testing.servers.kms;

import dev.countersign.testing.servers.TestKms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;

/** Encrypt, Decrypt and GenerateDataKey with symmetric keys and encryption contexts. */
class TestKmsEncryptionTest {
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

  private static final Map<String, String> CONTEXT = Map.of("purpose", "test", "tenant", "a");

  @Test
  void roundTripBindsTheEncryptionContext() {
    String id = kms.createKey("SYMMETRIC_DEFAULT");
    kms.createAlias("alias/data", id);
    byte[] plaintext = "secret payload".getBytes(StandardCharsets.UTF_8);
    EncryptResponse encrypted = client.encrypt(b -> b.keyId("alias/data")
        .plaintext(SdkBytes.fromByteArray(plaintext)).encryptionContext(CONTEXT));
    assertEquals(kms.keyArn(id), encrypted.keyId());
    assertEquals("SYMMETRIC_DEFAULT", encrypted.encryptionAlgorithmAsString());
    SdkBytes blob = encrypted.ciphertextBlob();
    assertTrue(blob.asByteArray().length > plaintext.length + 16);

    DecryptResponse decrypted = client.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(CONTEXT));
    assertArrayEquals(plaintext, decrypted.plaintext().asByteArray());
    assertEquals(kms.keyArn(id), decrypted.keyId(), "the blob names its key: no KeyId needed");
    assertArrayEquals(plaintext, client.decrypt(b -> b.ciphertextBlob(blob).keyId("alias/data")
        .encryptionContext(CONTEXT)).plaintext().asByteArray());

    assertThrows(InvalidCiphertextException.class, () -> client.decrypt(b -> b.ciphertextBlob(blob)
        .encryptionContext(Map.of("purpose", "test", "tenant", "b"))));
    assertThrows(InvalidCiphertextException.class, () -> client.decrypt(b -> b.ciphertextBlob(blob)));
    byte[] flipped = blob.asByteArray();
    flipped[flipped.length - 1] ^= 1;
    assertThrows(InvalidCiphertextException.class, () -> client.decrypt(b -> b
        .ciphertextBlob(SdkBytes.fromByteArray(flipped)).encryptionContext(CONTEXT)));
    assertThrows(InvalidCiphertextException.class, () -> client.decrypt(b -> b
        .ciphertextBlob(SdkBytes.fromUtf8String("not a ciphertext blob at all, really not"))));
  }

  @Test
  void decryptWithAnotherKeyIdIsRefused() {
    String id = kms.createKey("SYMMETRIC_DEFAULT");
    String other = kms.createKey("SYMMETRIC_DEFAULT");
    SdkBytes blob = client.encrypt(b -> b.keyId(id).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
    assertThrows(IncorrectKeyException.class, () -> client.decrypt(b -> b.ciphertextBlob(blob).keyId(other)));
    client.disableKey(b -> b.keyId(id));
    assertThrows(DisabledException.class, () -> client.decrypt(b -> b.ciphertextBlob(blob)));
  }

  @Test
  void asymmetricKeysDoNotEncrypt() {
    String id = kms.createKey("ECC_NIST_P256");
    assertThrows(InvalidKeyUsageException.class,
        () -> client.encrypt(b -> b.keyId(id).plaintext(SdkBytes.fromUtf8String("x"))));
  }

  @Test
  void generateDataKeyReturnsAKeyAndItsWrapping() {
    String id = kms.createKey("SYMMETRIC_DEFAULT");
    GenerateDataKeyResponse dataKey = client.generateDataKey(b -> b.keyId(id).keySpec("AES_256")
        .encryptionContext(CONTEXT));
    assertEquals(32, dataKey.plaintext().asByteArray().length);
    assertArrayEquals(dataKey.plaintext().asByteArray(), client.decrypt(b -> b
        .ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(CONTEXT)).plaintext().asByteArray());
    assertEquals(7, client.generateDataKey(b -> b.keyId(id).numberOfBytes(7)).plaintext().asByteArray().length);
  }
}
