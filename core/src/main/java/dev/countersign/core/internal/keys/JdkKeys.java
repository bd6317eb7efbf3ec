package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Builds JDK key objects (SunEC, SunRsaSign) from validated components with the JDK's own {@link KeyFactory}s;
 * Bouncy Castle is never registered as a provider.
 */
public final class JdkKeys {
  /** Length of Ed25519 private seeds and public keys. */
  public static final int ED25519_BYTES = 32;

  private JdkKeys() {}

  /** An EC private key with scalar {@code d} on {@code curve}. */
  public static PrivateKey ecPrivate(java.security.spec.ECParameterSpec curve, BigInteger d) {
    return (PrivateKey) make("EC", new ECPrivateKeySpec(d, curve), true);
  }

  /** An EC public key at point {@code w} of {@code curve} (the point is checked to lie on the curve). */
  public static PublicKey ecPublic(java.security.spec.ECParameterSpec curve, ECPoint w) {
    PublicKey key = (PublicKey) make("EC", new ECPublicKeySpec(w, curve), false);
    dev.countersign.core.internal.KeyInspection.describe(key);
    return key;
  }

  /** An RSA private key from its CRT components. */
  public static PrivateKey rsaPrivate(RSAPrivateCrtKeySpec spec) {
    return (PrivateKey) make("RSA", spec, true);
  }

  /** An RSA public key. */
  public static PublicKey rsaPublic(BigInteger modulus, BigInteger exponent) {
    return (PublicKey) make("RSA", new RSAPublicKeySpec(modulus, exponent), false);
  }

  /** An Ed25519 private key from its 32-byte seed (the array is not zeroed here). */
  public static PrivateKey ed25519Private(byte[] seed) {
    requireEd25519Length(seed, "private");
    return (PrivateKey) make("Ed25519", new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed), true);
  }

  /** An Ed25519 public key from its 32-byte encoding. */
  public static PublicKey ed25519Public(byte[] encoded) {
    requireEd25519Length(encoded, "public");
    try {
      byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), encoded)
          .getEncoded();
      return (PublicKey) make("Ed25519", new X509EncodedKeySpec(spki), false);
    } catch (java.io.IOException e) {
      throw new InvalidInputException("cannot encode Ed25519 public key");
    }
  }

  private static void requireEd25519Length(byte[] b, String kind) {
    if (b == null || b.length != ED25519_BYTES) {
      throw new InvalidInputException("Ed25519 " + kind + " key is " + (b == null ? 0 : b.length) + " bytes, not 32");
    }
  }

  private static Object make(String algorithm, KeySpec spec, boolean isPrivate) {
    try {
      KeyFactory f = KeyFactory.getInstance(algorithm);
      return isPrivate ? f.generatePrivate(spec) : f.generatePublic(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException("the JDK refused the " + algorithm + (isPrivate ? " private" : " public")
          + " key: " + e.getClass().getSimpleName());
    }
  }
}
