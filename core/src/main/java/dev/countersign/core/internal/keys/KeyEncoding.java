package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * Standard encodings of in-memory keys for writing: every key is re-read through this library's decoders first,
 * so that only supported, valid keys are written, in the JDK's canonical DER, and a key pair's halves must match.
 */
public final class KeyEncoding {
  private KeyEncoding() {}

  /** Canonical PKCS#8 DER of {@code key} (the caller zeroes it). */
  public static byte[] pkcs8(PrivateKey key) {
    byte[] raw = encoded(key, "PKCS#8", "private");
    try {
      KeyPair pair = PrivateKeyDecoder.fromPkcs8(raw, "private key");
      return encoded(pair.getPrivate(), "PKCS#8", "private");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Canonical X.509 SubjectPublicKeyInfo DER of {@code key}. */
  public static byte[] spki(PublicKey key) {
    return encoded(PublicKeyDecoder.fromSpki(encoded(key, "X.509", "public"), "public key"), "X.509", "public");
  }

  /**
   * Canonical PKCS#8 DER of {@code keys}' private half after checking that its public half belongs to it.
   *
   * @throws InvalidInputException when the halves do not match
   */
  public static byte[] pkcs8Of(KeyPair keys) {
    Objects.requireNonNull(keys, "keys");
    byte[] pkcs8 = pkcs8(Objects.requireNonNull(keys.getPrivate(), "private key"));
    byte[] derived = encoded(PrivateKeyDecoder.fromPkcs8(pkcs8, "private key").getPublic(), "X.509", "public");
    if (!Arrays.equals(derived, spki(Objects.requireNonNull(keys.getPublic(), "public key")))) {
      Arrays.fill(pkcs8, (byte) 0);
      throw new InvalidInputException("the public key does not belong to the private key of this key pair");
    }
    return pkcs8;
  }

  private static byte[] encoded(Key key, String format, String kind) {
    Objects.requireNonNull(key, kind + " key");
    byte[] der = format.equals(key.getFormat()) ? key.getEncoded() : null;
    if (der == null) {
      throw new InvalidInputException("the " + kind + " key (" + key.getAlgorithm() + ") cannot be exported as "
          + format + "; it may be held in hardware or a key store");
    }
    return der;
  }
}
