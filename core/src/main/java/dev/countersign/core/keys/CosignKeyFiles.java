package dev.countersign.core.keys;

import dev.countersign.core.KeyId;
import java.util.Objects;

/**
 * The two files {@code cosign generate-key-pair} and {@code cosign import-key-pair} write: the encrypted private
 * key ({@code cosign.key}, PEM {@code ENCRYPTED SIGSTORE PRIVATE KEY}) and the public key ({@code cosign.pub},
 * PEM {@code PUBLIC KEY}). Immutable; {@link #toString()} shows the key id only.
 */
public final class CosignKeyFiles {
  private final String privateKeyPem;
  private final String publicKeyPem;
  private final KeyId keyId;

  CosignKeyFiles(String privateKeyPem, String publicKeyPem, KeyId keyId) {
    this.privateKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    this.publicKeyPem = Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
  }

  /** The encrypted private key PEM, the content of {@code cosign.key}. */
  public String privateKeyPem() {
    return privateKeyPem;
  }

  /** The SubjectPublicKeyInfo PEM, the content of {@code cosign.pub}. */
  public String publicKeyPem() {
    return publicKeyPem;
  }

  /** The id of the public key. */
  public KeyId keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return "CosignKeyFiles{keyId=" + keyId + "}";
  }
}
