package dev.countersign.pgp.internal;

import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Whether the key that made a data signature could make it: as Helm 4 (go-crypto) and GnuPG decide, the key
 * (and, for a signing subkey, its primary) must not be revoked, must exist and not have expired when the
 * signature was made, and must not have expired at verification time. A subkey signature counts for its primary
 * only with a valid binding that allows signing and a valid back-signature. Only signatures that verify count.
 */
public final class SignatureKeyCheck {
  private SignatureKeyCheck() {}

  /**
   * Why {@code signer} (a key of {@code ring}) cannot be credited with a signature made at {@code signedAt} and
   * checked at {@code verifiedAt}; empty when it can.
   */
  public static Optional<String> problem(PGPPublicKeyRing ring, PGPPublicKey signer, Instant signedAt,
      Instant verifiedAt) {
    PGPPublicKey primary = ring.getPublicKey();
    String what = "key " + KeyValidity.fingerprint(primary);
    Optional<String> p = lifetime(what, primary, primary, signedAt, verifiedAt);
    if (p.isPresent()) {
      return p;
    }
    if (signer.getKeyID() == primary.getKeyID()) {
      return KeyValidity.primaryMaySign(primary) ? Optional.empty()
          : Optional.of(what + " is not allowed to sign data (its key flags)");
    }
    String sub = "signing subkey " + KeyValidity.fingerprint(signer) + " of " + what;
    PGPSignature binding = KeyValidity.newestBinding(primary, signer);
    if (binding == null) {
      return Optional.of(sub + " has no valid binding signature");
    }
    int flags = binding.hasSubpackets() ? binding.getHashedSubPackets().getKeyFlags() : 0;
    if (flags != 0 && (flags & KeyFlags.SIGN_DATA) == 0) {
      return Optional.of(sub + " is not allowed to sign data (its key flags)");
    }
    if (!KeyValidity.backSigned(primary, signer, binding)) {
      return Optional.of(sub + " is not cross-certified (no valid primary-key binding signature)");
    }
    return lifetime(sub, primary, signer, signedAt, verifiedAt);
  }

  private static Optional<String> lifetime(String what, PGPPublicKey primary, PGPPublicKey key, Instant signedAt,
      Instant verifiedAt) {
    Optional<Revocation> revoked = KeyValidity.revocationOf(primary, key);
    if (revoked.isPresent() && revoked.get().inEffectAt(verifiedAt)) {
      return Optional.of(what + " was revoked " + revoked.get().describe());
    }
    Instant created = key.getCreationTime().toInstant();
    if (created.isAfter(signedAt)) {
      return Optional.of(what + " was not yet valid when the signature was made: created " + created
          + ", signed " + signedAt);
    }
    Optional<Instant> expiry = KeyValidity.expiry(primary, key);
    if (expiry.isPresent() && !signedAt.isBefore(expiry.get())) {
      return Optional.of(what + " had already expired when the signature was made: expired " + expiry.get()
          + ", signed " + signedAt);
    }
    if (expiry.isPresent() && !verifiedAt.isBefore(expiry.get())) {
      return Optional.of(what + " expired on " + expiry.get() + " (verification time " + verifiedAt + ")");
    }
    return Optional.empty();
  }
}
