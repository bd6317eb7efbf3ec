package dev.countersign.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature of a {@link KeyManifest}: the signer's {@link KeyId} (a hint: only a member whose key verifies
 * the signature counts) and the signature over the canonical bytes of {@code signed}, base64 in JSON.
 */
public final class ManifestSignature {
  private final KeyId keyId;
  private final byte[] signature;

  private ManifestSignature(KeyId keyId, byte[] signature) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    if (Objects.requireNonNull(signature, "signature").length == 0) {
      throw new InvalidInputException("manifest signature is empty");
    }
    this.signature = signature.clone();
  }

  public static ManifestSignature of(KeyId keyId, byte[] signature) {
    return new ManifestSignature(keyId, signature);
  }

  public KeyId keyId() {
    return keyId;
  }

  /** A copy of the signature bytes. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The signature in standard base64 with padding, as the manifest writes it. */
  public String base64() {
    return Base64.getEncoder().encodeToString(signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestSignature && keyId.equals(((ManifestSignature) o).keyId)
        && Arrays.equals(signature, ((ManifestSignature) o).signature);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "ManifestSignature{" + keyId + "}";
  }
}
