package dev.countersign.kms.aws.internal;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * What DescribeKey and GetPublicKey told about one signing key, checked for consistency: its ARN, spec, the signing
 * algorithms it lists (in KMS's order) and its public key. Immutable.
 */
public final class KmsKeyInfo {
  private final String arn;
  private final KeySpec keySpec;
  private final List<SigningAlgorithmSpec> signingAlgorithms;
  private final PublicKey publicKey;
  private final Instant creationDate;

  KmsKeyInfo(String arn, KeySpec keySpec, List<SigningAlgorithmSpec> signingAlgorithms, PublicKey publicKey,
      Instant creationDate) {
    this.arn = Objects.requireNonNull(arn, "arn");
    this.keySpec = Objects.requireNonNull(keySpec, "keySpec");
    this.signingAlgorithms = List.copyOf(signingAlgorithms);
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.creationDate = creationDate;
  }

  /** The key ARN (never an alias). */
  public String arn() {
    return arn;
  }

  public KeySpec keySpec() {
    return keySpec;
  }

  /** The signing algorithms the key lists, in KMS's order (cosign signs with the first). */
  public List<SigningAlgorithmSpec> signingAlgorithms() {
    return signingAlgorithms;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** When KMS created the key; null when DescribeKey did not say. */
  public Instant creationDate() {
    return creationDate;
  }

  /** Whether {@code other} is the same key: same ARN, spec and public key. */
  public boolean sameKey(KmsKeyInfo other) {
    return other != null && arn.equals(other.arn) && keySpec == other.keySpec
        && Arrays.equals(publicKey.getEncoded(), other.publicKey.getEncoded());
  }

  /** ARN and spec; never key material. */
  @Override
  public String toString() {
    return arn + " (" + keySpec + ")";
  }
}
