package dev.countersign.keys;

import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A key ceremony member: a public key whose signatures count towards a {@link KeyManifest}'s threshold. Members
 * sign with the algorithm cosign uses for their key ({@link SignatureAlgorithm#defaultFor}); the member's id is
 * {@link KeyId#of} its key.
 */
public final class ManifestMember {
  private final PublicKey publicKey;
  private final KeyId keyId;

  private ManifestMember(PublicKey publicKey) {
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    SignatureAlgorithm.defaultFor(publicKey);
    this.keyId = KeyId.of(publicKey);
  }

  /** The member holding the private half of {@code publicKey}. */
  public static ManifestMember of(PublicKey publicKey) {
    return new ManifestMember(publicKey);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public KeyId keyId() {
    return keyId;
  }

  /** A verifier for this member's signatures. */
  public Verifier verifier() {
    return Verifiers.of(publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestMember && keyId.equals(((ManifestMember) o).keyId);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "ManifestMember{" + keyId + "}";
  }
}
