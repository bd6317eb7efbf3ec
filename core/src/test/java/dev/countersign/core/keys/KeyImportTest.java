package dev.countersign.core.keys;

import static dev.countersign.core.keys.KeyFixtures.bytes;
import static dev.countersign.core.keys.KeyFixtures.openssl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.WrongPasswordException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyImportTest {
  private static final char[] NEW_PASSWORD = "new".toCharArray();

  @ParameterizedTest
  @ValueSource(strings = {"pkcs8", "sec1", "pkcs1", "encrypted"})
  void importsEveryPrivateKeyFormatIntoCosignFiles(String format, @TempDir Path dir) {
    boolean rsa = format.equals("pkcs1");
    Path key = dir.resolve("k.pem");
    if (rsa) {
      openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
    } else {
      openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
    }
    Path in = dir.resolve("in.pem");
    switch (format) {
      case "sec1":
        openssl("ec", "-in", key.toString(), "-out", in.toString());
        break;
      case "pkcs1":
        openssl("rsa", "-in", key.toString(), "-traditional", "-out", in.toString());
        break;
      case "encrypted":
        openssl("pkcs8", "-topk8", "-v2", "aes-128-cbc", "-passout", "pass:old", "-in", key.toString(), "-out",
            in.toString());
        break;
      default:
        in = key;
    }
    KeyPair original = PemKeys.readPrivateKey(bytes(key), "k.pem");
    CosignKeyFiles files = KeyImport.toCosign(bytes(in), PasswordSource.of("old".toCharArray()), NEW_PASSWORD, "in.pem");
    KeyPair imported = CosignKeys.read(files.privateKeyPem().getBytes(StandardCharsets.US_ASCII), NEW_PASSWORD, "i");
    assertArrayEquals(original.getPublic().getEncoded(), imported.getPublic().getEncoded());
    KeyFixtures.assertSamePublicKey(files.publicKeyPem(), original.getPublic());
    KeyFixtures.assertSignsAndVerifies(imported);
  }

  @Test
  void reEncryptsACosignKeyAndChecksTheOldPassword() {
    KeyPair keys = KeyGeneration.generate();
    byte[] old = CosignKeys.write(keys, "old".toCharArray()).getBytes(StandardCharsets.US_ASCII);
    assertThrows(WrongPasswordException.class,
        () -> KeyImport.toCosign(old, PasswordSource.of("wrong".toCharArray()), NEW_PASSWORD, "old.key"));
    CosignKeyFiles files = KeyImport.toCosign(old, PasswordSource.of("old".toCharArray()), NEW_PASSWORD, "old.key");
    assertArrayEquals(keys.getPublic().getEncoded(), CosignKeys.read(
        files.privateKeyPem().getBytes(StandardCharsets.US_ASCII), NEW_PASSWORD, "new.key").getPublic().getEncoded());
  }

  @Test
  void refusesPublicKeys() {
    byte[] pub = PemKeys.writePublicKey(KeyGeneration.generate().getPublic()).getBytes(StandardCharsets.US_ASCII);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> KeyImport.toCosign(pub, PasswordSource.none(), NEW_PASSWORD, "k.pub"));
    assertTrue(e.getMessage().contains("public key"), e.getMessage());
  }
}
