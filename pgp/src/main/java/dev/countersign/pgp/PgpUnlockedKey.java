package dev.countersign.pgp;

import dev.countersign.pgp.internal.KeyValidity;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * A decrypted OpenPGP signing key (the primary or a signing subkey) of a {@link PgpKey}. Holds private key
 * material: keep it short-lived; {@link #toString()} shows only fingerprints.
 */
public final class PgpUnlockedKey {
  private final PgpKey owner;
  private final PGPPublicKey signingPublicKey;
  private final PGPPrivateKey privateKey;

  PgpUnlockedKey(PgpKey owner, PGPPublicKey signingPublicKey, PGPPrivateKey privateKey) {
    this.owner = owner;
    this.signingPublicKey = signingPublicKey;
    this.privateKey = privateKey;
  }

  /** The key this signing key belongs to. */
  public PgpKey owner() {
    return owner;
  }

  /** Fingerprint of the signing key itself (equals the owner's when the primary signs). */
  public String signingKeyFingerprint() {
    return KeyValidity.fingerprint(signingPublicKey);
  }

  /** The signing key's public half, for Bouncy Castle signature generators. */
  public PGPPublicKey bcPublicKey() {
    return signingPublicKey;
  }

  /** The signing key's private half, for Bouncy Castle signature generators. */
  public PGPPrivateKey bcPrivateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "PgpUnlockedKey[" + signingKeyFingerprint() + " of " + owner.fingerprint() + "]";
  }
}
