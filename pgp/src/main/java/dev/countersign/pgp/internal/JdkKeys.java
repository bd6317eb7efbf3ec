package dev.countersign.pgp.internal;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;

/**
 * The raw key material of OpenPGP keys as JDK keys (SunRsaSign / SunEC), so core's Signer and Verifier use them
 * as any file key: RSA, ECDSA (NIST curves) and Ed25519 (legacy EdDSA or v6 Ed25519).
 */
public final class JdkKeys {
  private JdkKeys() {}

  /** The JDK public key of {@code key}. */
  public static PublicKey publicKey(PGPPublicKey key) {
    try {
      byte[] spki = new JcaPGPKeyConverter().setProvider(Bc.provider()).getPublicKey(key).getEncoded();
      return KeyFactory.getInstance(family(key.getAlgorithm())).generatePublic(new X509EncodedKeySpec(spki));
    } catch (PGPException | GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException("OpenPGP key " + KeyValidity.fingerprint(key)
          + " cannot be used as a raw " + familyName(key.getAlgorithm()) + " key: " + e.getMessage(), e);
    }
  }

  /** The JDK private key of {@code key}, whose public half is {@code pub}. */
  public static PrivateKey privateKey(PGPPublicKey pub, PGPPrivateKey key) {
    byte[] pkcs8 = null;
    try {
      pkcs8 = new JcaPGPKeyConverter().setProvider(Bc.provider()).getPrivateKey(key).getEncoded();
      return KeyFactory.getInstance(family(pub.getAlgorithm())).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (PGPException | GeneralSecurityException | RuntimeException e) {
      throw new CountersignException("cannot convert the OpenPGP private key " + KeyValidity.fingerprint(pub)
          + " to a JDK key: " + e.getClass().getSimpleName(), e);
    } finally {
      if (pkcs8 != null) {
        Arrays.fill(pkcs8, (byte) 0);
      }
    }
  }

  private static String family(int algorithm) {
    switch (algorithm) {
      case PublicKeyAlgorithmTags.RSA_GENERAL:
      case PublicKeyAlgorithmTags.RSA_SIGN:
        return "RSA";
      case PublicKeyAlgorithmTags.ECDSA:
        return "EC";
      case PublicKeyAlgorithmTags.EDDSA_LEGACY:
      case PublicKeyAlgorithmTags.Ed25519:
        return "Ed25519";
      default:
        throw new InvalidInputException("OpenPGP public-key algorithm " + familyName(algorithm)
            + " has no raw-key equivalent here (RSA, ECDSA and Ed25519 only)");
    }
  }

  private static String familyName(int algorithm) {
    switch (algorithm) {
      case PublicKeyAlgorithmTags.DSA:
        return "DSA";
      case PublicKeyAlgorithmTags.Ed448:
        return "Ed448";
      default:
        return "algorithm " + algorithm;
    }
  }
}
