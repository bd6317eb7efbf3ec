package dev.countersign.core.blob;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyId;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.MessageSignature;
import dev.countersign.core.bundle.VerificationMaterial;
import java.util.Base64;
import java.util.Objects;

/**
 * A signature over a blob, as {@code cosign sign-blob --key} produces it: the raw signature
 * ({@link #base64()}, what {@code --output-signature} writes) and a Sigstore v0.3 bundle ({@link #toBundle()},
 * what {@code --bundle} writes, without transparency-log entries).
 */
public final class BlobSignature {
  private final byte[] signature;
  private final Digest artifactDigest;
  private final KeyId keyId;

  private BlobSignature(byte[] signature, Digest artifactDigest, KeyId keyId) {
    this.signature = Objects.requireNonNull(signature, "signature").clone();
    this.artifactDigest = Objects.requireNonNull(artifactDigest, "artifactDigest");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
  }

  /** A blob signature from its parts (the signer's output, the artifact digest and the signing key's id). */
  public static BlobSignature of(byte[] signature, Digest artifactDigest, KeyId keyId) {
    return new BlobSignature(signature, artifactDigest, keyId);
  }

  /** A copy of the signature bytes (ECDSA: DER; Ed25519: 64 bytes; RSA: modulus-sized). */
  public byte[] signature() {
    return signature.clone();
  }

  /** Standard padded base64 of the signature, without a trailing newline (cosign's signature file). */
  public String base64() {
    return Base64.getEncoder().encodeToString(signature);
  }

  /** The artifact's digest, with the signature's hash (SHA-256 for Ed25519). */
  public Digest artifactDigest() {
    return artifactDigest;
  }

  /** The signing key's id, the bundle's {@code publicKey.hint}. */
  public KeyId keyId() {
    return keyId;
  }

  /** A v0.3 bundle: {@code publicKey.hint} = key id, no tlog entries, {@code messageSignature}. */
  public Bundle toBundle() {
    return Bundle.ofMessageSignature(VerificationMaterial.ofPublicKey(keyId),
        MessageSignature.of(artifactDigest, signature));
  }

  /** {@link #toBundle()} as JSON. */
  public String bundleJson() {
    return toBundle().toJson();
  }

  @Override
  public String toString() {
    return "BlobSignature{" + artifactDigest + ", keyId=" + keyId + "}";
  }
}
