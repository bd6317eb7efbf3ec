package dev.countersign.pgp.internal;

import dev.countersign.core.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
    return Hex.toHexString(key.getFingerprint()).toUpperCase(java.util.Locale.ROOT);
  }

  /** Time of the newest valid self-revocation of {@code key} (primary or subkey), if any. */
  public static Optional<Instant> revocation(PGPPublicKey primary, PGPPublicKey key) {
    int type = key == primary ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION;
    Instant newest = null;
    for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext(); ) {
      PGPSignature sig = it.next();
      if (sig.getKeyID() == primary.getKeyID() && verifies(sig, primary, key)) {
        Instant t = sig.getCreationTime().toInstant();
        newest = newest == null || t.isAfter(newest) ? t : newest;
      }
    }
    return Optional.ofNullable(newest);
  }

  /** Expiry of {@code key} as its self-signatures state it, if it expires. */
  public static Optional<Instant> expiry(PGPPublicKey key) {
    long secs = key.getValidSeconds();
    return secs <= 0 ? Optional.empty() : Optional.of(key.getCreationTime().toInstant().plusSeconds(secs));
  }

  /**
   * The key that signs for {@code ring} at {@code at}: the newest signing subkey with a valid binding and
   * back-signature, else the primary if its flags allow signing.
   */
  public static PGPPublicKey signingKey(PGPPublicKeyRing ring, Instant at) {
    PGPPublicKey primary = ring.getPublicKey();
    String fpr = fingerprint(primary);
    Optional<Instant> revoked = revocation(primary, primary);
    if (revoked.isPresent()) {
      throw new InvalidInputException("key " + fpr + " was revoked on " + revoked.get() + "; it cannot sign");
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
      Optional<Instant> subRevoked = revocation(primary, sub);
      long secs = binding.getHashedSubPackets().getKeyExpirationTime();
      Instant subExpiry = secs > 0 ? sub.getCreationTime().toInstant().plusSeconds(secs) : null;
      if (subRevoked.isPresent()) {
        refused.add("signing subkey " + fingerprint(sub) + " was revoked on " + subRevoked.get());
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

  private static boolean primaryMaySign(PGPPublicKey primary) {
    PGPSignature newest = null;
    for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
      String uid = ids.next();
      for (Iterator<PGPSignature> it = primary.getSignaturesForID(uid); it.hasNext(); ) {
        PGPSignature sig = it.next();
        if (sig.getKeyID() == primary.getKeyID() && sig.isCertification() && verifiesUid(sig, primary, uid)
            && (newest == null || sig.getCreationTime().after(newest.getCreationTime()))) {
          newest = sig;
        }
      }
    }
    if (newest == null || !newest.hasSubpackets() || newest.getHashedSubPackets().getKeyFlags() == 0) {
      return true; // no key flags: the algorithm decides (RFC 4880 5.2.3.21)
    }
    return (newest.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
  }

  private static PGPSignature newestBinding(PGPPublicKey primary, PGPPublicKey sub) {
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

  private static boolean backSigned(PGPPublicKey primary, PGPPublicKey sub, PGPSignature binding) {
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
