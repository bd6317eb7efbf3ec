package dev.countersign.pgp.internal;

import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;

/** Merging keys as {@code gpg --import} does: same fingerprint, union of user ids, subkeys and signatures. */
public final class KeyMerge {
  private KeyMerge() {}

  /** {@code old} and {@code incoming} (same primary key) joined; secret parts kept from either. */
  public static KeyringCodec.Ring merge(KeyringCodec.Ring old, KeyringCodec.Ring incoming) {
    try {
      PGPPublicKeyRing pub = PGPPublicKeyRing.join(old.publicRing(), incoming.publicRing(), false, false);
      PGPSecretKeyRing sec = incoming.secretRing() != null ? incoming.secretRing() : old.secretRing();
      return new KeyringCodec.Ring(pub, sec == null ? null : PGPSecretKeyRing.replacePublicKeys(sec, pub));
    } catch (PGPException | RuntimeException e) {
      throw new InvalidInputException("cannot merge key " + KeyValidity.fingerprint(old.publicRing().getPublicKey())
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The key-revocation signatures of a bare revocation certificate (as {@code gpg --gen-revoke} writes), or an
   * empty list when {@code data} is not one.
   */
  public static List<PGPSignature> revocationCertificates(byte[] data) {
    List<PGPSignature> sigs = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
      PGPObjectFactory f = new PGPObjectFactory(in, Bc.fingerprints());
      for (Object o = f.nextObject(); o != null; o = f.nextObject()) {
        if (!(o instanceof PGPSignatureList list)) {
          return List.of();
        }
        for (PGPSignature s : list) {
          if (s.getSignatureType() != PGPSignature.KEY_REVOCATION) {
            return List.of();
          }
          sigs.add(s);
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return sigs;
  }

  /** {@code ring} with the verified key revocation {@code sig} added to its primary key. */
  public static PGPPublicKeyRing addRevocation(PGPPublicKeyRing ring, PGPSignature sig) {
    PGPPublicKey primary = ring.getPublicKey();
    try {
      sig.init(Bc.verifiers(), primary);
      if (!sig.verifyCertification(primary)) {
        throw new InvalidInputException("the revocation certificate for key " + KeyValidity.fingerprint(primary)
            + " does not verify");
      }
    } catch (PGPException e) {
      throw new InvalidInputException("cannot check the revocation certificate for key "
          + KeyValidity.fingerprint(primary) + ": " + e.getMessage(), e);
    }
    return PGPPublicKeyRing.insertPublicKey(ring, PGPPublicKey.addCertification(primary, sig));
  }

  /** A 16-hex-digit key id. */
  public static String keyId(long id) {
    return String.format(Locale.ROOT, "%016X", id);
  }
}
