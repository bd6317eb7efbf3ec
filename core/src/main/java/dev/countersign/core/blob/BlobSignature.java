package dev.countersign.core.blob;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyId;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.MessageSignature;
import dev.countersign.core.bundle.Rfc3161Timestamp;
import dev.countersign.core.bundle.VerificationMaterial;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A signature over a blob, as {@code cosign sign-blob --key} produces it: the raw signature
 * ({@link #base64()}, what {@code --output-signature} writes) and a Sigstore v0.3 bundle ({@link #toBundle()},
 * what {@code --bundle} writes, without transparency-log entries).
 */
public final class BlobSignature {
  private final byte[] signature;
  private final Digest artifactDigest;
  private final KeyId keyId;
  private final byte[] timestamp;

  private BlobSignature(byte[] signature, Digest artifactDigest, KeyId keyId, byte[] timestamp) {
    this.signature = Objects.requireNonNull(signature, "signature").clone();
    this.artifactDigest = Objects.requireNonNull(artifactDigest, "artifactDigest");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.timestamp = timestamp == null ? null : Rfc3161Timestamp.of(timestamp).signedTimestamp();
  }

  /** A blob signature from its parts (the signer's output, the artifact digest and the signing key's id). */
  public static BlobSignature of(byte[] signature, Digest artifactDigest, KeyId keyId) {
    return new BlobSignature(signature, artifactDigest, keyId, null);
  }

  /**
   * This signature with an RFC 3161 timestamp over its signature bytes (a DER {@code TimeStampResp}), which
   * {@link #toBundle()} stores in {@code timestampVerificationData}.
   */
  public BlobSignature withTimestamp(byte[] timeStampResponse) {
    return new BlobSignature(signature, artifactDigest, keyId,
        Objects.requireNonNull(timeStampResponse, "timeStampResponse"));
  }

  /** A copy of the DER {@code TimeStampResp} over the signature, when the signer obtained one. */
  public Optional<byte[]> timestamp() {
    return Optional.ofNullable(timestamp).map(byte[]::clone);
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

  /**
   * A v0.3 bundle: {@code publicKey.hint} = key id, no tlog entries, the timestamp (if any) in
   * {@code timestampVerificationData.rfc3161Timestamps}, {@code messageSignature}.
   */
  public Bundle toBundle() {
    VerificationMaterial material = VerificationMaterial.ofPublicKey(keyId);
    if (timestamp != null) {
      material = material.withTimestamps(List.of(Rfc3161Timestamp.of(timestamp)));
    }
    return Bundle.ofMessageSignature(material, MessageSignature.of(artifactDigest, signature));
  }

  /** {@link #toBundle()} as JSON. */
  public String bundleJson() {
    return toBundle().toJson();
  }

  @Override
  public String toString() {
    return "BlobSignature{" + artifactDigest + ", keyId=" + keyId + (timestamp != null ? ", timestamped" : "") + "}";
  }
}
