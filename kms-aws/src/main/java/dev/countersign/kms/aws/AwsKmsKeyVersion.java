package dev.countersign.kms.aws;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One key in an alias's history ({@link AwsKmsKeys#history(String)}): the key the alias names now
 * ({@link #current()}) or one it named before a rotation. Immutable.
 */
public final class AwsKmsKeyVersion {
  private final String keyArn;
  private final String keySpec;
  private final Instant created;
  private final boolean current;
  private final String keyState;

  AwsKmsKeyVersion(String keyArn, String keySpec, Instant created, boolean current, String keyState) {
    this.keyArn = Objects.requireNonNull(keyArn, "keyArn");
    this.keySpec = keySpec;
    this.created = created;
    this.current = current;
    this.keyState = keyState;
  }

  /** The key's ARN. */
  public String keyArn() {
    return keyArn;
  }

  /** {@code awskms:///<ARN>}, to verify signatures this key made (e.g. with {@code AwsKms.verifier}). */
  public String reference() {
    return AwsKmsKeyReference.SCHEME + ":///" + keyArn;
  }

  /** The KMS key spec, e.g. {@code ECC_NIST_P256}. */
  public String keySpec() {
    return keySpec;
  }

  /** When the key was created (KMS's creation date); empty when KMS did not say. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /** Whether the alias names this key now; false for keys it named before. */
  public boolean current() {
    return current;
  }

  /** The KMS key state, e.g. {@code Enabled}, {@code Disabled}, {@code PendingDeletion}. */
  public String keyState() {
    return keyState;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AwsKmsKeyVersion)) {
      return false;
    }
    AwsKmsKeyVersion v = (AwsKmsKeyVersion) o;
    return keyArn.equals(v.keyArn) && current == v.current && Objects.equals(keySpec, v.keySpec)
        && Objects.equals(created, v.created) && Objects.equals(keyState, v.keyState);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyArn, keySpec, created, current, keyState);
  }

  @Override
  public String toString() {
    return keyArn + " (" + keySpec + ", " + keyState + ", " + (current ? "current" : "previous")
        + (created == null ? "" : ", created " + created) + ")";
  }
}
