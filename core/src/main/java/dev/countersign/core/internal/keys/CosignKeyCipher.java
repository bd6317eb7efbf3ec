package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.WrongPasswordException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Encrypts and decrypts the PKCS#8 bytes of a cosign key: key = scrypt(UTF-8 password, salt, N, r, p, 32), then
 * NaCl secretbox. Derived keys and password bytes are zeroed after use.
 */
public final class CosignKeyCipher {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CosignKeyCipher() {}

  /** Encrypts {@code plaintext} under {@code password} with a fresh salt and nonce and scrypt cost {@code n}. */
  public static CosignEnvelope seal(byte[] plaintext, char[] password, int n) {
    Objects.requireNonNull(password, "password");
    byte[] salt = new byte[CosignEnvelope.SALT_BYTES];
    byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    if (!CosignEnvelope.ACCEPTED_COSTS.contains(java.util.List.of(n, 8, 1))) {
      throw new InvalidInputException("scrypt N=" + n + " is not one cosign accepts (32768, 65536, 131072)");
    }
    byte[] key = derive(password, salt, n, 8, 1);
    try {
      return new CosignEnvelope(n, 8, 1, salt, nonce, SecretBox.seal(key, nonce, plaintext));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Decrypts the envelope. Returns the plaintext (the caller zeroes it).
   *
   * @throws WrongPasswordException when the authentication tag does not match
   */
  public static byte[] open(CosignEnvelope envelope, char[] password, String source) {
    Objects.requireNonNull(password, "password");
    byte[] key = derive(password, envelope.salt(), envelope.n(), envelope.r(), envelope.p());
    try {
      Optional<byte[]> plain = SecretBox.open(key, envelope.nonce(), envelope.ciphertext());
      return plain.orElseThrow(() -> new WrongPasswordException("wrong password for " + source
          + " (or the encrypted key was altered)"));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int n, int r, int p) {
    byte[] pw = Passwords.utf8(password);
    try {
      return SCrypt.generate(pw, salt, n, r, p, SecretBox.KEY_BYTES);
    } catch (IllegalArgumentException ex) {
      throw new InvalidInputException("invalid scrypt parameters");
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }
}
