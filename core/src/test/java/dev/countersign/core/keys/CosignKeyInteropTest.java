package dev.countersign.core.keys;

import static dev.countersign.core.keys.KeyFixtures.assertSamePublicKey;
import static dev.countersign.core.keys.KeyFixtures.assertSignsAndVerifies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.testing.Peers;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with an independent implementation of the cosign key format: {@code src/test/peers/cosign_key.py}
 * (Python cryptography for scrypt and keys, PyNaCl for secretbox).
 */
class CosignKeyInteropTest {
  @ParameterizedTest
  @CsvSource({"ECDSA_P256_SHA256, p@ss", "ECDSA_P384_SHA384, p@ss", "ED25519, ''", "RSA_PKCS1V15_SHA256, \u00e9t\u00e9"})
  void peerDecryptsKeysWeWrite(SignatureAlgorithm algorithm, String password, @org.junit.jupiter.api.io.TempDir Path dir) {
    KeyPair keys = KeyGeneration.generate(algorithm, 2048);
    Path key = dir.resolve("ours.key");
    KeyFixtures.write(key, CosignKeys.write(keys, password.toCharArray()));

    Peers.Result r = Peers.python("cosign_key.py", "read", key.toString(), password);
    assertEquals(0, r.exitCode(), r.output());
    assertSamePublicKey(r.stdout(), keys.getPublic());

    Peers.Result wrong = Peers.python("cosign_key.py", "read", key.toString(), password + "x");
    assertNotEquals(0, wrong.exitCode(), "the peer must not open our key with a wrong password");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecdsa", "ed25519", "rsa"})
  void keysThePeerWritesLoadHere(String type, @org.junit.jupiter.api.io.TempDir Path dir) {
    Path prefix = dir.resolve("peer-" + type);
    Peers.Result r = Peers.python("cosign_key.py", "write", prefix.toString(), "pw-" + type, type);
    assertEquals(0, r.exitCode(), r.output());

    byte[] key = KeyFixtures.bytes(dir.resolve("peer-" + type + ".key"));
    KeyPair keys = CosignKeys.read(key, ("pw-" + type).toCharArray(), "peer.key");
    assertSamePublicKey(KeyFixtures.read(dir.resolve("peer-" + type + ".pub")), keys.getPublic());
    assertSignsAndVerifies(keys);
    assertThrows(WrongPasswordException.class, () -> CosignKeys.read(key, "pw".toCharArray(), "peer.key"));
  }
}
