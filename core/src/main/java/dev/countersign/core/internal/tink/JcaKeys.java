package dev.countersign.core.internal.tink;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.KeyInspection;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Builds JDK keys from the numbers and bytes Tink keys hold. */
final class JcaKeys {
  /** DER SubjectPublicKeyInfo prefix for a 32-byte Ed25519 public key (RFC 8410). */
  private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  /** DER PKCS#8 v1 prefix for a 32-byte Ed25519 seed (RFC 8410). */
  private static final byte[] ED25519_PKCS8 = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
      0x70, 0x04, 0x22, 0x04, 0x20};

  private JcaKeys() {}

  static PublicKey ecPublic(String curve, ECPoint point) {
    return (PublicKey) generate("EC", new ECPublicKeySpec(point, KeyInspection.curveParameters(curve)), true);
  }

  static PrivateKey ecPrivate(String curve, BigInteger s) {
    return (PrivateKey) generate("EC", new ECPrivateKeySpec(s, KeyInspection.curveParameters(curve)), false);
  }

  static PublicKey ed25519Public(byte[] raw) {
    if (raw.length != 32) {
      throw new InvalidInputException("Ed25519 public key is " + raw.length + " bytes, not 32");
    }
    return (PublicKey) generate("Ed25519", new X509EncodedKeySpec(concat(ED25519_SPKI, raw)), true);
  }

  static PrivateKey ed25519Private(byte[] seed) {
    byte[] der = null;
    try {
      if (seed.length != 32) {
        throw new InvalidInputException("Ed25519 private key is " + seed.length + " bytes, not 32");
      }
      der = concat(ED25519_PKCS8, seed);
      return (PrivateKey) generate("Ed25519", new PKCS8EncodedKeySpec(der), false);
    } finally {
      Arrays.fill(seed, (byte) 0);
      if (der != null) {
        Arrays.fill(der, (byte) 0);
      }
    }
  }

  static PublicKey rsaPublic(BigInteger n, BigInteger e) {
    return (PublicKey) generate("RSA", new RSAPublicKeySpec(n, e), true);
  }

  static PrivateKey rsaPrivate(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dp,
      BigInteger dq, BigInteger qInv) {
    return (PrivateKey) generate("RSA", new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qInv), false);
  }

  private static Object generate(String algorithm, KeySpec spec, boolean isPublic) {
    try {
      KeyFactory f = KeyFactory.getInstance(algorithm);
      return isPublic ? f.generatePublic(spec) : f.generatePrivate(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException("cannot build a JCA " + algorithm + (isPublic ? " public" : " private")
          + " key from the Tink key", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
