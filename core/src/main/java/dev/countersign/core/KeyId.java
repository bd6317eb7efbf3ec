package dev.countersign.core;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * A public key's id as Sigstore bundles write it in {@code verificationMaterial.publicKey.hint}: standard base64
 * of SHA-256 over the key's DER SubjectPublicKeyInfo. The same key always has the same id, whatever backend holds
 * its private half.
 */
public final class KeyId {
  private final String value;

  private KeyId(String value) {
    this.value = value;
  }

  /** The id of {@code key}, computed from its X.509 (SubjectPublicKeyInfo) encoding. */
  public static KeyId of(PublicKey key) {
    Objects.requireNonNull(key, "key");
    byte[] spki = key.getEncoded();
    if (spki == null || !"X.509".equals(key.getFormat())) {
      throw new InvalidInputException("public key has no SubjectPublicKeyInfo encoding (format "
          + key.getFormat() + ")");
    }
    return ofSpki(spki);
  }

  /** The id of a DER SubjectPublicKeyInfo. */
  public static KeyId ofSpki(byte[] spkiDer) {
    byte[] h = DigestAlgorithm.SHA256.newMessageDigest().digest(spkiDer);
    return new KeyId(Base64.getEncoder().encodeToString(h));
  }

  /** Wraps an id read from a bundle or manifest; it is a hint until a key with that id verifies. */
  public static KeyId parse(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("key id is empty");
    }
    return new KeyId(value.trim());
  }

  /** The id text (base64). */
  public String value() {
    return value;
  }

  /** Constant-time equality of the id text. */
  public boolean matches(KeyId other) {
    return other != null && MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        other.value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyId && value.equals(((KeyId) o).value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
