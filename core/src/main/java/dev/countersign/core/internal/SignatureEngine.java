package dev.countersign.core.internal;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * Signs and verifies precomputed digests (and whole messages for Ed25519) with the JDK's providers, using Bouncy
 * Castle's lightweight API only where the JDK has no prehashed form (RSA-PSS). No provider is installed globally.
 */
public final class SignatureEngine {
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private SignatureEngine() {}

  /** Signs {@code digest} (ECDSA: DER; RSA: PKCS#1 v1.5 or PSS). */
  public static byte[] signDigest(SignatureAlgorithm alg, PrivateKey key, Digest digest) {
    checkDigest(alg, digest);
    byte[] h = digest.bytes();
    try {
      switch (alg.keyType()) {
        case EC: {
          Signature s = Signature.getInstance("NONEwithECDSA");
          s.initSign(key, RANDOM);
          s.update(h);
          return s.sign();
        }
        case RSA:
          if (isPss(alg)) {
            PSSSigner pss = pssSigner(digest.algorithm());
            pss.init(true, new ParametersWithRandom(rsaPrivate((RSAPrivateCrtKey) key), RANDOM));
            pss.update(h, 0, h.length);
            return pss.generateSignature();
          } else {
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key);
            s.update(DigestInfo.encode(digest));
            return s.sign();
          }
        default:
          throw new InvalidInputException(alg + " signs whole messages, not digests");
      }
    } catch (GeneralSecurityException | CryptoException | ClassCastException e) {
      throw new CountersignException("signing with " + alg + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** True when {@code signature} is a valid signature over {@code digest}; malformed encodings throw. */
  public static boolean verifyDigest(SignatureAlgorithm alg, PublicKey key, Digest digest, byte[] signature) {
    checkDigest(alg, digest);
    byte[] h = digest.bytes();
    try {
      switch (alg.keyType()) {
        case EC: {
          EcdsaSignatures.parseDer(signature, ((ECKey) key).getParams().getOrder());
          Signature s = Signature.getInstance("NONEwithECDSA");
          s.initVerify(key);
          s.update(h);
          return s.verify(signature);
        }
        case RSA: {
          int modulusBytes = (((RSAKey) key).getModulus().bitLength() + 7) / 8;
          if (signature.length != modulusBytes) {
            throw new InvalidInputException("RSA signature must be " + modulusBytes + " bytes, got "
                + signature.length);
          }
          if (isPss(alg)) {
            RSAPublicKey pub = (RSAPublicKey) key;
            PSSSigner pss = pssSigner(digest.algorithm());
            pss.init(false, new RSAKeyParameters(false, pub.getModulus(), pub.getPublicExponent()));
            pss.update(h, 0, h.length);
            return pss.verifySignature(signature);
          }
          Signature s = Signature.getInstance("NONEwithRSA");
          s.initVerify(key);
          s.update(DigestInfo.encode(digest));
          return s.verify(signature);
        }
        default:
          throw new InvalidInputException(alg + " verifies whole messages, not digests");
      }
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new InvalidInputException("cannot verify with " + alg + ": " + e.getMessage(), e);
    }
  }

  /** Pure Ed25519 signature over {@code message}. */
  public static byte[] signEd25519(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new CountersignException("Ed25519 signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Whether {@code signature} is a valid pure Ed25519 signature over {@code message}. */
  public static boolean verifyEd25519(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != 64) {
      throw new InvalidInputException("Ed25519 signature must be 64 bytes, got " + signature.length);
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("cannot verify Ed25519: " + e.getMessage(), e);
    }
  }

  private static void checkDigest(SignatureAlgorithm alg, Digest digest) {
    DigestAlgorithm expected = alg.digestAlgorithm().orElseThrow(
        () -> new InvalidInputException(alg + " signs whole messages and cannot sign or verify a digest"));
    if (digest.algorithm() != expected) {
      throw new InvalidInputException(alg + " needs a " + expected.ociName() + " digest, got "
          + digest.algorithm().ociName());
    }
  }

  private static boolean isPss(SignatureAlgorithm alg) {
    return alg.name().startsWith("RSA_PSS");
  }

  private static PSSSigner pssSigner(DigestAlgorithm d) {
    org.bouncycastle.crypto.Digest content = bcDigest(d);
    return PSSSigner.createRawSigner(new RSABlindedEngine(), content, bcDigest(d), d.length(),
        PSSSigner.TRAILER_IMPLICIT);
  }

  private static org.bouncycastle.crypto.Digest bcDigest(DigestAlgorithm d) {
    switch (d) {
      case SHA256:
        return new SHA256Digest();
      case SHA384:
        return new SHA384Digest();
      default:
        return new SHA512Digest();
    }
  }

  private static RSAPrivateCrtKeyParameters rsaPrivate(RSAPrivateCrtKey k) {
    return new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
        k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient());
  }
}
