package dev.countersign.core.keys;

import static dev.countersign.core.keys.KeyFixtures.assertSamePublicKey;
import static dev.countersign.core.keys.KeyFixtures.assertSignsAndVerifies;
import static dev.countersign.core.keys.KeyFixtures.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyType;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.internal.KeyInspection;
import dev.countersign.core.testing.Peers;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encrypted cosign keys from sigstore-rs (see vectors/NOTICE). */
class CosignKeyVectorsTest {
  private static final char[] PASSWORD = "123".toCharArray();

  @ParameterizedTest
  @CsvSource({
      "ecdsa_encrypted_private.key, 123, EC, ECDSA_P256_SHA256",
      "rsa_encrypted_private.key, 123, RSA, RSA_PKCS1V15_SHA256",
      "ed25519_encrypted_private.key, 123, ED25519, ED25519",
      "cosign_generated_encrypted_empty_private.key, '', EC, ECDSA_P256_SHA256"})
  void vectorLoadsAndSigns(String file, String password, KeyType type, SignatureAlgorithm algorithm) {
    KeyPair keys = CosignKeys.read(vector(file), password.toCharArray(), file);
    assertEquals(type, KeyInspection.describe(keys.getPublic()).type());
    assertEquals(algorithm, SignatureAlgorithm.defaultFor(keys.getPublic()));
    assertSignsAndVerifies(keys);
  }

  @ParameterizedTest
  @CsvSource({"ecdsa_encrypted_private.key, 124", "rsa_encrypted_private.key, ''", "ed25519_encrypted_private.key, 1234",
      "cosign_generated_encrypted_empty_private.key, 123"})
  void wrongPasswordIsReportedAsSuch(String file, String password) {
    WrongPasswordException e = assertThrows(WrongPasswordException.class,
        () -> CosignKeys.read(vector(file), password.toCharArray(), file));
    assertTrue(e.getMessage().startsWith("wrong password for " + file), e.getMessage());
  }

  /** The Python peer (cryptography + PyNaCl) derives the same public keys from these files as we do. */
  @ParameterizedTest
  @CsvSource({"ecdsa_encrypted_private.key, 123", "rsa_encrypted_private.key, 123",
      "cosign_generated_encrypted_empty_private.key, ''"})
  void peerDerivesTheSamePublicKey(String file, String password, @TempDir Path dir) {
    Path copy = dir.resolve(file);
    KeyFixtures.write(copy, new String(vector(file), java.nio.charset.StandardCharsets.US_ASCII));
    Peers.Result r = Peers.python("cosign_key.py", "read", copy.toString(), password);
    assertEquals(0, r.exitCode(), r.output());
    assertSamePublicKey(r.stdout(), CosignKeys.read(vector(file), password.toCharArray(), file).getPublic());
  }

  @Test
  void ed25519VectorIsPkcs8Version2AndItsStoredPublicKeyIsChecked() {
    KeyPair keys = CosignKeys.read(vector("ed25519_encrypted_private.key"), PASSWORD, "ed25519");
    // The file carries the public key (OneAsymmetricKey v2); reading succeeded, so it matched the derived one.
    assertEquals("Ed25519", KeyInspection.describe(keys.getPublic()).toString());
    assertEquals(KeyType.ED25519, KeyInspection.describe(keys.getPrivate()).type());
  }

  @Test
  void legacyCosignLabelAndModernLabelAreBothRead() {
    assertTrue(new String(vector("ecdsa_encrypted_private.key"), java.nio.charset.StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----"));
    assertSignsAndVerifies(CosignKeys.read(vector("ecdsa_encrypted_private.key"), PASSWORD, "ecdsa"));
    assertSignsAndVerifies(CosignKeys.read(vector("rsa_encrypted_private.key"), PASSWORD, "rsa"));
  }
}
