package dev.countersign.core.internal;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyType;
import dev.countersign.core.SignatureAlgorithm;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Identifies a JCA key's family, NIST curve and size, refusing keys Countersign does not sign with. */
public final class KeyInspection {
  private static final Map<String, ECParameterSpec> CURVES = new LinkedHashMap<>();

  static {
    CURVES.put("P-256", curve("secp256r1"));
    CURVES.put("P-384", curve("secp384r1"));
    CURVES.put("P-521", curve("secp521r1"));
  }

  private KeyInspection() {}

  /** What a key is: family, NIST curve name (EC only) and size in bits. */
  public record Description(KeyType type, String curve, int bits) {
    @Override
    public String toString() {
      switch (type) {
        case EC:
          return "ECDSA " + curve;
        case ED25519:
          return "Ed25519";
        default:
          return "RSA-" + bits;
      }
    }
  }

  /** Describes {@code key}; throws {@link InvalidInputException} for unsupported curves, sizes and types. */
  public static Description describe(Key key) {
    if (key == null) {
      throw new InvalidInputException("key is missing");
    }
    if (key instanceof ECKey) {
      ECParameterSpec p = ((ECKey) key).getParams();
      for (Map.Entry<String, ECParameterSpec> e : CURVES.entrySet()) {
        if (sameCurve(p, e.getValue())) {
          if (key instanceof java.security.interfaces.ECPublicKey) {
            requireOnCurve(((java.security.interfaces.ECPublicKey) key).getW(), p, e.getKey());
          }
          return new Description(KeyType.EC, e.getKey(), p.getOrder().bitLength());
        }
      }
      throw new InvalidInputException("unsupported elliptic curve of " + p.getOrder().bitLength()
          + " bits: only NIST P-256, P-384 and P-521 are supported");
    }
    if (key instanceof RSAKey) {
      int bits = ((RSAKey) key).getModulus().bitLength();
      if (bits < SignatureAlgorithm.RSA_MIN_BITS || bits > SignatureAlgorithm.RSA_MAX_BITS) {
        throw new InvalidInputException("RSA key of " + bits + " bits is not supported (2048 to 4096 bits)");
      }
      return new Description(KeyType.RSA, null, bits);
    }
    String alg = key.getAlgorithm();
    if ("Ed25519".equalsIgnoreCase(alg) || "EdDSA".equalsIgnoreCase(alg)) {
      if (key instanceof java.security.interfaces.EdECKey
          && !"Ed25519".equalsIgnoreCase(((java.security.interfaces.EdECKey) key).getParams().getName())) {
        throw new InvalidInputException("unsupported EdDSA curve " + ((java.security.interfaces.EdECKey) key)
            .getParams().getName() + ": only Ed25519 is supported");
      }
      return new Description(KeyType.ED25519, null, 256);
    }
    throw new InvalidInputException("unsupported key type " + alg);
  }

  /** RSA modulus size in bits, or 0 for other keys. */
  public static int rsaBits(Key key) {
    return key instanceof RSAKey ? ((RSAKey) key).getModulus().bitLength() : 0;
  }

  /** The JCA parameters of a NIST curve by name ({@code P-256}). */
  public static ECParameterSpec curveParameters(String nistName) {
    ECParameterSpec spec = CURVES.get(nistName);
    if (spec == null) {
      throw new InvalidInputException("unsupported curve " + nistName);
    }
    return spec;
  }

  /** Refuses a public point that is not on the curve (invalid-curve attacks; corrupt key files). */
  private static void requireOnCurve(java.security.spec.ECPoint w, ECParameterSpec spec, String name) {
    if (w == null || w.equals(java.security.spec.ECPoint.POINT_INFINITY)) {
      throw new InvalidInputException("EC public key is the point at infinity");
    }
    java.math.BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
    java.math.BigInteger x = w.getAffineX();
    java.math.BigInteger y = w.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new InvalidInputException("EC public key coordinates are out of range for " + name);
    }
    java.math.BigInteger rhs = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
    if (!y.modPow(java.math.BigInteger.TWO, p).equals(rhs)) {
      throw new InvalidInputException("EC public key point is not on curve " + name);
    }
  }

  private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
    return a.getOrder().equals(b.getOrder()) && a.getCurve().equals(b.getCurve())
        && a.getGenerator().equals(b.getGenerator()) && a.getCofactor() == b.getCofactor();
  }

  private static ECParameterSpec curve(String stdName) {
    try {
      AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec(stdName));
      return ap.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JVM lacks curve " + stdName, e);
    }
  }
}
