package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.KeyInspection;
import java.math.BigInteger;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The NIST curves Countersign signs with (P-256, P-384, P-521): maps curve OIDs to names, validates encoded points
 * and derives public points from private scalars with Bouncy Castle's curve arithmetic.
 */
public final class NamedCurves {
  /** A supported curve: its NIST name, OID, BC arithmetic and JDK parameters. */
  public record Curve(String name, ASN1ObjectIdentifier oid, X9ECParameters bc, ECParameterSpec jdk) {
    /** Size of a field element / scalar in bytes. */
    public int fieldBytes() {
      return (bc.getCurve().getFieldSize() + 7) / 8;
    }
  }

  private static final Curve P256 = curve("P-256", SECObjectIdentifiers.secp256r1);
  private static final Curve P384 = curve("P-384", SECObjectIdentifiers.secp384r1);
  private static final Curve P521 = curve("P-521", SECObjectIdentifiers.secp521r1);

  private NamedCurves() {}

  /**
   * The curve named by an AlgorithmIdentifier / ECPrivateKey parameters field, which must be a named-curve OID of
   * P-256, P-384 or P-521; other curves are refused by name, explicit parameters as such.
   */
  public static Curve fromParameters(ASN1Encodable parameters, String source) {
    if (parameters == null) {
      throw new InvalidInputException(source + ": EC key names no curve");
    }
    if (!(parameters.toASN1Primitive() instanceof ASN1ObjectIdentifier)) {
      throw new InvalidInputException(source + ": EC keys with explicit curve parameters are not supported;"
          + " only the named curves P-256, P-384 and P-521 are");
    }
    ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) parameters.toASN1Primitive();
    for (Curve c : new Curve[] {P256, P384, P521}) {
      if (c.oid().equals(oid)) {
        return c;
      }
    }
    String name = ECNamedCurveTable.getName(oid);
    throw new InvalidInputException(source + ": unsupported elliptic curve " + (name != null ? name + " (" + oid + ")"
        : oid.getId()) + ": only NIST P-256, P-384 and P-521 are supported");
  }

  /** Decodes an encoded point (uncompressed or compressed), refusing points not on the curve or at infinity. */
  public static ECPoint decodePoint(Curve curve, byte[] encoded, String source) {
    org.bouncycastle.math.ec.ECPoint p;
    try {
      p = curve.bc().getCurve().decodePoint(encoded);
    } catch (RuntimeException e) {
      throw new InvalidInputException(source + ": EC public key is not a valid point on " + curve.name());
    }
    if (p.isInfinity() || !p.isValid()) {
      throw new InvalidInputException(source + ": EC public key is not a valid point on " + curve.name());
    }
    return toJdk(p.normalize());
  }

  /** The public point d*G for private scalar {@code d}, which must lie in [1, n-1]. */
  public static ECPoint publicPoint(Curve curve, BigInteger d, String source) {
    if (d.signum() <= 0 || d.compareTo(curve.bc().getN()) >= 0) {
      throw new InvalidInputException(source + ": EC private key is out of range for " + curve.name());
    }
    return toJdk(new FixedPointCombMultiplier().multiply(curve.bc().getG(), d).normalize());
  }

  private static ECPoint toJdk(org.bouncycastle.math.ec.ECPoint p) {
    return new ECPoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
  }

  private static Curve curve(String name, ASN1ObjectIdentifier oid) {
    X9ECParameters bc = CustomNamedCurves.getByOID(oid);
    if (bc == null) {
      bc = ECNamedCurveTable.getByOID(oid);
    }
    return new Curve(name, oid, bc, KeyInspection.curveParameters(name));
  }
}
