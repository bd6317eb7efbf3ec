package dev.countersign.pgp.internal;

import dev.countersign.core.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.util.encoders.Hex;

/** Verified self-signature facts about a key: revocation, expiry, and which key may make signatures. */
public final class KeyValidity {
  private KeyValidity() {}

  public static String fingerprint(PGPPublicKey key) {
    return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** Time of the valid self-revocation of {@code key} (primary or subkey) that {@link #revocationOf} picks. */
  public static Optional<Instant> revocation(PGPPublicKey primary, PGPPublicKey key) {
    return revocationOf(primary, key).map(Revocation::time);
  }

  /**
   * The revocation of {@code key} (primary or subkey) by a self-signature that verifies, if any: a hard one
   * (compromised, no or unknown reason) before a soft one (superseded, retired), the earliest of its kind.
   */
  public static Optional<Revocation> revocationOf(PGPPublicKey primary, PGPPublicKey key) {
    int type = key == primary ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION;
    Revocation best = null;
    for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext(); ) {
      PGPSignature sig = it.next();
      if (sig.getKeyID() == primary.getKeyID() && verifies(sig, primary, key)) {
        Revocation r = Revocation.of(sig);
        if (best == null || (r.hard() && !best.hard())
            || (r.hard() == best.hard() && r.time().isBefore(best.time()))) {
          best = r;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Expiry of {@code key} as its newest verified self-signature states it (for the primary: a user-id
   * certification or direct-key signature; for a subkey: its binding), if it expires.
   */
  public static Optional<Instant> expiry(PGPPublicKey primary, PGPPublicKey key) {
    PGPSignature newest = key == primary ? newestSelfSignature(primary) : newestBinding(primary, key);
    if (newest == null || !newest.hasSubpackets()) {
      return Optional.empty();
    }
    long secs = newest.getHashedSubPackets().getKeyExpirationTime();
    return secs <= 0 ? Optional.empty() : Optional.of(key.getCreationTime().toInstant().plusSeconds(secs));
  }

  /** Expiry of a primary key (see {@link #expiry(PGPPublicKey, PGPPublicKey)}). */
  public static Optional<Instant> expiry(PGPPublicKey primary) {
    return expiry(primary, primary);
  }

  /**
   * The key that signs for {@code ring} at {@code at}: the newest signing subkey with a valid binding and
   * back-signature, else the primary if its flags allow signing.
   */
  public static PGPPublicKey signingKey(PGPPublicKeyRing ring, Instant at) {
    PGPPublicKey primary = ring.getPublicKey();
    String fpr = fingerprint(primary);
    Optional<Revocation> revoked = revocationOf(primary, primary);
    if (revoked.isPresent()) {
      throw new InvalidInputException("key " + fpr + " was revoked " + revoked.get().describe() + "; it cannot sign");
    }
    Optional<Instant> expires = expiry(primary);
    if (expires.isPresent() && !at.isBefore(expires.get())) {
      throw new InvalidInputException("key " + fpr + " expired on " + expires.get() + "; it cannot sign");
    }
    PGPPublicKey best = null;
    List<String> refused = new ArrayList<>();
    for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
      PGPPublicKey sub = it.next();
      if (sub.isMasterKey() || !canSign(sub.getAlgorithm()) || sub.getCreationTime().toInstant().isAfter(at)) {
        continue;
      }
      PGPSignature binding = newestBinding(primary, sub);
      if (binding == null || !binding.hasSubpackets()
          || (binding.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) == 0
          || !backSigned(primary, sub, binding)) {
        continue;
      }
      Optional<Revocation> subRevoked = revocationOf(primary, sub);
      long secs = binding.getHashedSubPackets().getKeyExpirationTime();
      Instant subExpiry = secs > 0 ? sub.getCreationTime().toInstant().plusSeconds(secs) : null;
      if (subRevoked.isPresent()) {
        refused.add("signing subkey " + fingerprint(sub) + " was revoked " + subRevoked.get().describe());
      } else if (subExpiry != null && !at.isBefore(subExpiry)) {
        refused.add("signing subkey " + fingerprint(sub) + " expired on " + subExpiry);
      } else if (best == null || sub.getCreationTime().after(best.getCreationTime())) {
        best = sub;
      }
    }
    if (best != null) {
      return best;
    }
    if (canSign(primary.getAlgorithm()) && primaryMaySign(primary)) {
      return primary;
    }
    throw new InvalidInputException("key " + fpr + " has no usable signing key"
        + (refused.isEmpty() ? "" : ": " + String.join("; ", refused)));
  }

  static boolean primaryMaySign(PGPPublicKey primary) {
    PGPSignature newest = newestSelfSignature(primary);
    if (newest == null || !newest.hasSubpackets() || newest.getHashedSubPackets().getKeyFlags() == 0) {
      return true; // no key flags: the algorithm decides (RFC 4880 5.2.3.21)
    }
    return (newest.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
  }

  /** The newest verified self-certification of a user id, or direct-key self-signature, of {@code primary}. */
  static PGPSignature newestSelfSignature(PGPPublicKey primary) {
    PGPSignature newest = null;
    for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
      String uid = ids.next();
      for (Iterator<PGPSignature> it = primary.getSignaturesForID(uid); it.hasNext(); ) {
        PGPSignature sig = it.next();
        if (sig.getKeyID() == primary.getKeyID() && sig.isCertification() && newer(sig, newest)
            && verifiesUid(sig, primary, uid)) {
          newest = sig;
        }
      }
    }
    for (Iterator<PGPSignature> it = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY); it.hasNext(); ) {
      PGPSignature sig = it.next();
      if (sig.getKeyID() == primary.getKeyID() && newer(sig, newest) && verifies(sig, primary, primary)) {
        newest = sig;
      }
    }
    return newest;
  }

  private static boolean newer(PGPSignature sig, PGPSignature than) {
    return than == null || sig.getCreationTime().after(than.getCreationTime());
  }

  static PGPSignature newestBinding(PGPPublicKey primary, PGPPublicKey sub) {
    PGPSignature newest = null;
    for (Iterator<PGPSignature> it = sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext(); ) {
      PGPSignature sig = it.next();
      if (sig.getKeyID() == primary.getKeyID() && verifies(sig, primary, sub)
          && (newest == null || sig.getCreationTime().after(newest.getCreationTime()))) {
        newest = sig;
      }
    }
    return newest;
  }

  static boolean backSigned(PGPPublicKey primary, PGPPublicKey sub, PGPSignature binding) {
    try {
      // GnuPG puts the primary-key binding (back-)signature in the hashed area; older tools used the unhashed
      return backSignedBy(binding.getHashedSubPackets().getEmbeddedSignatures(), primary, sub)
          || (binding.getUnhashedSubPackets() != null
              && backSignedBy(binding.getUnhashedSubPackets().getEmbeddedSignatures(), primary, sub));
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }

  private static boolean backSignedBy(PGPSignatureList embedded, PGPPublicKey primary, PGPPublicKey sub) {
    for (int i = 0; embedded != null && i < embedded.size(); i++) {
      PGPSignature back = embedded.get(i);
      if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING && verifies(back, sub, primary, sub)) {
        return true;
      }
    }
    return false;
  }

  private static boolean verifies(PGPSignature sig, PGPPublicKey primary, PGPPublicKey key) {
    return verifies(sig, primary, primary, key);
  }

  private static boolean verifies(PGPSignature sig, PGPPublicKey signer, PGPPublicKey primary, PGPPublicKey key) {
    try {
      sig.init(Bc.verifiers(), signer);
      return key == primary && signer == primary ? sig.verifyCertification(primary)
          : sig.verifyCertification(primary, key);
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }

  private static boolean verifiesUid(PGPSignature sig, PGPPublicKey primary, String uid) {
    try {
      sig.init(Bc.verifiers(), primary);
      return sig.verifyCertification(uid, primary);
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }

  /** Whether the public-key algorithm can make signatures. */
  public static boolean canSign(int algorithm) {
    switch (algorithm) {
      case PublicKeyAlgorithmTags.RSA_GENERAL:
      case PublicKeyAlgorithmTags.RSA_SIGN:
      case PublicKeyAlgorithmTags.DSA:
      case PublicKeyAlgorithmTags.ECDSA:
      case PublicKeyAlgorithmTags.EDDSA_LEGACY:
      case PublicKeyAlgorithmTags.Ed25519:
      case PublicKeyAlgorithmTags.Ed448:
        return true;
      default:
        return false;
    }
  }
}
