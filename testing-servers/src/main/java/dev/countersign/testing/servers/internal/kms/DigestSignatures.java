package dev.countersign.testing.servers.internal.kms;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signs and verifies a precomputed digest as KMS does for {@code MessageType=DIGEST} (a RAW message is hashed
 * first). ECDSA output is DER; PKCS #1 v1.5 wraps the digest in a DigestInfo; PSS uses MGF1 with the same hash
 * and a salt as long as the hash. The JDK has no pre-hashed PSS, so that one uses Bouncy Castle's raw PSS.
 */
final class DigestSignatures {
  private static final Provider BC = new BouncyCastleProvider();

  private DigestSignatures() {
  }

  static byte[] hash(SigningAlgorithm algorithm, byte[] message) {
    try {
      return MessageDigest.getInstance(algorithm.hash()).digest(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.hash() + " unavailable", e);
    }
  }

  static byte[] sign(SigningAlgorithm algorithm, PrivateKey key, byte[] digest) {
    try {
      Signature signature = engine(algorithm);
      signature.initSign(key);
      update(signature, algorithm, digest);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with " + algorithm + " failed", e);
    }
  }

  static boolean verify(SigningAlgorithm algorithm, PublicKey key, byte[] digest, byte[] signatureBytes) {
    try {
      Signature signature = engine(algorithm);
      signature.initVerify(key);
      update(signature, algorithm, digest);
      return signature.verify(signatureBytes);
    } catch (SignatureException | IllegalArgumentException e) {
      return false; // malformed signature bytes: invalid, as KMS answers
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("verifying with " + algorithm + " failed", e);
    }
  }

  private static Signature engine(SigningAlgorithm algorithm) throws GeneralSecurityException {
    switch (algorithm.scheme()) {
      case ECDSA:
        return Signature.getInstance("NONEwithECDSA");
      case PKCS1:
        return Signature.getInstance("NONEwithRSA");
      default:
        Signature pss = Signature.getInstance("RAWRSASSA-PSS", BC);
        pss.setParameter(new PSSParameterSpec(algorithm.hash(), "MGF1",
            new MGF1ParameterSpec(algorithm.hash()), algorithm.hashLength(), 1));
        return pss;
    }
  }

  private static void update(Signature signature, SigningAlgorithm algorithm, byte[] digest)
      throws SignatureException {
    if (algorithm.scheme() == SigningAlgorithm.Scheme.PKCS1) {
      signature.update(algorithm.digestInfoPrefix());
    }
    signature.update(digest);
  }
}
