package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.KeyInspection;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Decodes DER private keys (PKCS#8 v1 and v2, SEC1 {@code ECPrivateKey}, PKCS#1 {@code RSAPrivateKey}) into JDK
 * key pairs, deriving the public half: d*G for EC, (n, e) for RSA, the RFC 8032 derivation for Ed25519. A public
 * key stored alongside the private one must match the derived one. Only keys {@link KeyInspection} accepts pass.
 */
public final class PrivateKeyDecoder {
  private PrivateKeyDecoder() {}

  /** A PKCS#8 {@code PrivateKeyInfo} / {@code OneAsymmetricKey}. */
  public static KeyPair fromPkcs8(byte[] der, String source) {
    return Der.guarded(source, "PKCS#8 private key", () -> pkcs8(der, source));
  }

  private static KeyPair pkcs8(byte[] der, String source) {
    PrivateKeyInfo info = Der.parse(der, source, "PKCS#8 private key", PrivateKeyInfo::getInstance);
    if (!info.getVersion().hasValue(0) && !info.getVersion().hasValue(1)) {
      throw new InvalidInputException(source + ": unsupported PKCS#8 version (expected v1 or v2)");
    }
    ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
    ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
    byte[] inner = info.getPrivateKey().getOctets();
    try {
      if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        NamedCurves.Curve curve = NamedCurves.fromParameters(params, source);
        ECPrivateKey sec1 = Der.parse(inner, source, "EC private key in PKCS#8", ECPrivateKey::getInstance);
        org.bouncycastle.asn1.ASN1Object own = sec1.getParametersObject();
        if (own != null && !own.toASN1Primitive().equals(curve.oid())) {
          throw new InvalidInputException(source + ": EC private key names two different curves");
        }
        return ecKeyPair(curve, sec1, source);
      }
      if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        return rsaKeyPair(Der.parse(inner, source, "RSA private key in PKCS#8", RSAPrivateKey::getInstance), source);
      }
      if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return ed25519KeyPair(inner, info.getPublicKeyData(), source);
      }
    } finally {
      Arrays.fill(inner, (byte) 0);
    }
    throw new InvalidInputException(source + ": unsupported private key type " + KeyAlgorithms.name(alg)
        + "; supported: ECDSA P-256/P-384/P-521, Ed25519, RSA 2048-4096");
  }

  /** A SEC1 {@code ECPrivateKey} ({@code EC PRIVATE KEY}), which must name its curve. */
  public static KeyPair fromSec1(byte[] der, String source) {
    return Der.guarded(source, "SEC1 EC private key", () -> sec1(der, source));
  }

  private static KeyPair sec1(byte[] der, String source) {
    ECPrivateKey sec1 = Der.parse(der, source, "SEC1 EC private key", ECPrivateKey::getInstance);
    if (sec1.getParametersObject() == null) {
      throw new InvalidInputException(source + ": SEC1 EC private key names no curve");
    }
    return ecKeyPair(NamedCurves.fromParameters(sec1.getParametersObject(), source), sec1, source);
  }

  /** A PKCS#1 {@code RSAPrivateKey} ({@code RSA PRIVATE KEY}). */
  public static KeyPair fromPkcs1(byte[] der, String source) {
    return Der.guarded(source, "PKCS#1 RSA private key",
        () -> rsaKeyPair(Der.parse(der, source, "PKCS#1 RSA private key", RSAPrivateKey::getInstance), source));
  }

  private static KeyPair ecKeyPair(NamedCurves.Curve curve, ECPrivateKey sec1, String source) {
    BigInteger d = sec1.getKey();
    ECPoint w = NamedCurves.publicPoint(curve, d, source);
    ASN1BitString stored = sec1.getPublicKey();
    if (stored != null) {
      ECPoint given = NamedCurves.decodePoint(curve, octets(stored, source), source);
      if (!given.equals(w)) {
        throw new InvalidInputException(source + ": the public key stored with the EC private key does not match it");
      }
    }
    return checked(JdkKeys.ecPublic(curve.jdk(), w), JdkKeys.ecPrivate(curve.jdk(), d));
  }

  private static KeyPair rsaKeyPair(RSAPrivateKey k, String source) {
    BigInteger n = k.getModulus();
    BigInteger e = k.getPublicExponent();
    BigInteger d = k.getPrivateExponent();
    BigInteger p = k.getPrime1();
    BigInteger q = k.getPrime2();
    int bits = n.bitLength();
    if (bits < 2048 || bits > 4096) {
      throw new InvalidInputException(source + ": RSA key of " + bits + " bits is not supported (2048 to 4096 bits)");
    }
    BigInteger one = BigInteger.ONE;
    if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || p.compareTo(one) <= 0 || q.compareTo(one) <= 0
        || !p.multiply(q).equals(n) || d.signum() <= 0
        || !e.multiply(d).mod(p.subtract(one)).equals(one) || !e.multiply(d).mod(q.subtract(one)).equals(one)) {
      throw new InvalidInputException(source + ": RSA private key is inconsistent (its parameters do not fit together)");
    }
    RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(n, e, d, p, q, k.getExponent1(), k.getExponent2(),
        k.getCoefficient());
    return checked(JdkKeys.rsaPublic(n, e), JdkKeys.rsaPrivate(spec));
  }

  private static KeyPair ed25519KeyPair(byte[] inner, ASN1BitString storedPublic, String source) {
    byte[] seed = Der.parse(inner, source, "Ed25519 private key", ASN1OctetString::getInstance).getOctets();
    try {
      if (seed.length != JdkKeys.ED25519_BYTES) {
        throw new InvalidInputException(source + ": Ed25519 private key must be 32 bytes, got " + seed.length);
      }
      byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
      if (storedPublic != null && !Arrays.equals(octets(storedPublic, source), pub)) {
        throw new InvalidInputException(source + ": the public key stored with the Ed25519 private key does not"
            + " match it");
      }
      return checked(JdkKeys.ed25519Public(pub), JdkKeys.ed25519Private(seed));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  private static KeyPair checked(PublicKey pub, PrivateKey priv) {
    KeyInspection.describe(pub);
    return new KeyPair(pub, priv);
  }

  private static byte[] octets(ASN1BitString bits, String source) {
    if (bits.getPadBits() != 0) {
      throw new InvalidInputException(source + ": public key BIT STRING has unused bits");
    }
    return bits.getOctets();
  }
}
