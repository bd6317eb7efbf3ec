package dev.countersign.core.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.internal.keys.KeyEncoding;
import dev.countersign.core.internal.keys.Pem;
import dev.countersign.core.internal.keys.PrivateKeyFiles;
import dev.countersign.core.internal.keys.PublicKeyFiles;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * Reads and writes standard PEM keys. Private keys are read from PKCS#8 ({@code PRIVATE KEY}), PBES2-encrypted
 * PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and
 * cosign's encrypted format; public keys from X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}) and PKCS#1
 * ({@code RSA PUBLIC KEY}). Keys come back as JDK key objects; only ECDSA P-256/P-384/P-521, Ed25519 and RSA
 * 2048-4096 are accepted, and EC points are checked to lie on their curve. Input over 1 MiB is refused unread.
 * Keys are written as PKCS#8 and SubjectPublicKeyInfo PEM with 64-character lines, as openssl and cosign write them.
 */
public final class PemKeys {
  private PemKeys() {}

  /**
   * The key pair in a private key PEM, its public half derived from the private one. {@code passwords} is asked
   * only when the key is encrypted; {@code sourceName} names the input in messages and password prompts.
   *
   * @throws WrongPasswordException when the password does not open an encrypted key
   * @throws InvalidInputException when the content is malformed or holds an unsupported key
   */
  public static KeyPair readPrivateKey(byte[] pem, PasswordSource passwords, String sourceName) {
    return PrivateKeyFiles.read(pem, passwords, name(sourceName));
  }

  /** Like {@link #readPrivateKey(byte[], PasswordSource, String)} for unencrypted keys only. */
  public static KeyPair readPrivateKey(byte[] pem, String sourceName) {
    return readPrivateKey(pem, PasswordSource.none(), sourceName);
  }

  /**
   * The public key in a public key PEM, or the public half of an unencrypted private key PEM.
   *
   * @throws InvalidInputException when the content is malformed, encrypted or holds an unsupported key
   */
  public static PublicKey readPublicKey(byte[] pem, String sourceName) {
    return PublicKeyFiles.read(pem, name(sourceName));
  }

  /**
   * Unencrypted PKCS#8 PEM ({@code PRIVATE KEY}) of {@code key}. The result holds the key in clear text: protect
   * it, or prefer {@link CosignKeys#write}.
   */
  public static String writePrivateKey(PrivateKey key) {
    byte[] der = KeyEncoding.pkcs8(key);
    try {
      return Pem.encode("PRIVATE KEY", der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** SubjectPublicKeyInfo PEM ({@code PUBLIC KEY}) of {@code key}, the format of {@code cosign.pub}. */
  public static String writePublicKey(PublicKey key) {
    return Pem.encode("PUBLIC KEY", KeyEncoding.spki(key));
  }

  private static String name(String sourceName) {
    return sourceName == null || sourceName.isBlank() ? "key" : sourceName;
  }
}
