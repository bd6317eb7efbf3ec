package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.KeyInspection;
import java.math.BigInteger;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Decodes DER public keys (X.509 {@code SubjectPublicKeyInfo}, PKCS#1 {@code RSAPublicKey}) into JDK keys. EC
 * points must lie on their curve and Ed25519 keys must decode to a curve point; only keys {@link KeyInspection}
 * accepts pass.
 */
public final class PublicKeyDecoder {
  private PublicKeyDecoder() {}

  /** An X.509 {@code SubjectPublicKeyInfo} ({@code PUBLIC KEY}). */
  public static PublicKey fromSpki(byte[] der, String source) {
    return Der.guarded(source, "SubjectPublicKeyInfo public key", () -> spki(der, source));
  }

  private static PublicKey spki(byte[] der, String source) {
    SubjectPublicKeyInfo info = Der.parse(der, source, "SubjectPublicKeyInfo public key",
        SubjectPublicKeyInfo::getInstance);
    ASN1ObjectIdentifier alg = info.getAlgorithm().getAlgorithm();
    ASN1BitString bits = info.getPublicKeyData();
    if (bits.getPadBits() != 0) {
      throw new InvalidInputException(source + ": public key BIT STRING has unused bits");
    }
    byte[] key = bits.getOctets();
    PublicKey pub;
    if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      NamedCurves.Curve curve = NamedCurves.fromParameters(info.getAlgorithm().getParameters(), source);
      pub = JdkKeys.ecPublic(curve.jdk(), NamedCurves.decodePoint(curve, key, source));
    } else if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      pub = pkcs1(key, source);
    } else if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
      pub = ed25519(key, source);
    } else {
      throw new InvalidInputException(source + ": unsupported public key type " + KeyAlgorithms.name(alg)
          + "; supported: ECDSA P-256/P-384/P-521, Ed25519, RSA 2048-4096");
    }
    return checked(pub);
  }

  /** A PKCS#1 {@code RSAPublicKey} ({@code RSA PUBLIC KEY}). */
  public static PublicKey fromPkcs1(byte[] der, String source) {
    return Der.guarded(source, "PKCS#1 RSA public key", () -> pkcs1(der, source));
  }

  private static PublicKey pkcs1(byte[] der, String source) {
    RSAPublicKey k = Der.parse(der, source, "PKCS#1 RSA public key", RSAPublicKey::getInstance);
    BigInteger n = k.getModulus();
    BigInteger e = k.getPublicExponent();
    int bits = n.bitLength();
    if (bits < 2048 || bits > 4096) {
      throw new InvalidInputException(source + ": RSA key of " + bits + " bits is not supported (2048 to 4096 bits)");
    }
    if (!n.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(n) >= 0) {
      throw new InvalidInputException(source + ": RSA public key has an invalid modulus or exponent");
    }
    return checked(JdkKeys.rsaPublic(n, e));
  }

  private static PublicKey ed25519(byte[] key, String source) {
    if (key.length != JdkKeys.ED25519_BYTES) {
      throw new InvalidInputException(source + ": Ed25519 public key must be 32 bytes, got " + key.length);
    }
    try {
      new Ed25519PublicKeyParameters(key, 0);
    } catch (RuntimeException e) {
      throw new InvalidInputException(source + ": Ed25519 public key is not a valid curve point");
    }
    return JdkKeys.ed25519Public(key);
  }

  private static PublicKey checked(PublicKey pub) {
    KeyInspection.describe(pub);
    return pub;
  }
}
