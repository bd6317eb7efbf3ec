package dev.countersign.core.keys;

import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import java.security.PublicKey;

/**
 * One key of a {@link TinkKeyset}: its Tink key id (the unsigned number the JSON shows), whether it is enabled and
 * primary, its algorithm and public key. Immutable; holds no private key material.
 */
public final class TinkKey {
  private final long tinkKeyId;
  private final boolean enabled;
  private final boolean primary;
  private final Verifier verifier;

  TinkKey(long tinkKeyId, boolean enabled, boolean primary, SignatureAlgorithm algorithm, PublicKey publicKey) {
    this.tinkKeyId = tinkKeyId;
    this.enabled = enabled;
    this.primary = primary;
    this.verifier = Verifiers.of(publicKey, algorithm);
  }

  /** Tink's key id, as the keyset JSON writes it (0 to 2^32-1). */
  public long tinkKeyId() {
    return tinkKeyId;
  }

  /** Whether the key is ENABLED (usable for verification); otherwise it is DISABLED. */
  public boolean enabled() {
    return enabled;
  }

  /** Whether this is the keyset's primary key, the one that signs. */
  public boolean primary() {
    return primary;
  }

  public SignatureAlgorithm algorithm() {
    return verifier.algorithm();
  }

  public PublicKey publicKey() {
    return verifier.publicKey();
  }

  /** The Sigstore key id of {@link #publicKey()}. */
  public KeyId keyId() {
    return verifier.keyId();
  }

  /** A verifier for this key, whatever its status. */
  public Verifier verifier() {
    return verifier;
  }

  @Override
  public String toString() {
    return "TinkKey{id=" + tinkKeyId + ", " + algorithm().id() + (enabled ? ", enabled" : ", disabled")
        + (primary ? ", primary" : "") + ", keyId=" + keyId() + "}";
  }
}
