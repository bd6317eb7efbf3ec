package dev.countersign.core.internal.tink;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.SecretKeyAccess;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.EcdsaPrivateKey;
import com.google.crypto.tink.signature.EcdsaPublicKey;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.RsaSsaPkcs1PrivateKey;
import com.google.crypto.tink.signature.RsaSsaPkcs1PublicKey;
import com.google.crypto.tink.signature.RsaSsaPssPrivateKey;
import com.google.crypto.tink.signature.RsaSsaPssPublicKey;
import com.google.crypto.tink.signature.SignaturePrivateKey;
import com.google.crypto.tink.signature.SignaturePublicKey;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.internal.KeyInspection;
import dev.countersign.core.internal.keys.JdkKeys;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;

/**
 * Turns Tink signature keys into JCA keys, refusing what would not give cosign-compatible signatures: output
 * prefixes other than RAW (Tink prepends 5 bytes to every signature), IEEE P1363 ECDSA encoding, and parameter
 * combinations no {@link SignatureAlgorithm} names.
 */
public final class TinkKeyConversion {
  private static final SecretKeyAccess ACCESS = InsecureSecretKeyAccess.get();

  private TinkKeyConversion() {}

  /** Converts Tink key {@code tinkKeyId}, a signature private or public key. */
  public static ConvertedKey convert(int tinkKeyId, Key key) {
    String name = "Tink key " + Integer.toUnsignedString(tinkKeyId);
    SignaturePublicKey pub;
    if (key instanceof SignaturePrivateKey) {
      pub = ((SignaturePrivateKey) key).getPublicKey();
    } else if (key instanceof SignaturePublicKey) {
      pub = (SignaturePublicKey) key;
    } else {
      throw new InvalidInputException(name + " is not a signature key (" + describe(key)
          + "); only ECDSA, Ed25519, RSA-SSA-PKCS1 and RSA-SSA-PSS keys can sign");
    }
    if (pub.getOutputPrefix().size() != 0) {
      throw new InvalidInputException(name + " has output prefix " + variant(pub) + ": Tink then prepends "
          + pub.getOutputPrefix().size() + " bytes to every signature, which cosign and Sigstore verifiers do not"
          + " accept. Only RAW keys (variant NO_PREFIX) can be used: create the key from a *_RAW template, with DER"
          + " signature encoding for ECDSA");
    }
    if (pub instanceof EcdsaPublicKey) {
      return ecdsa(name, (EcdsaPublicKey) pub, (EcdsaPrivateKey) (key instanceof EcdsaPrivateKey ? key : null));
    }
    if (pub instanceof Ed25519PublicKey) {
      Ed25519PrivateKey priv = key instanceof Ed25519PrivateKey ? (Ed25519PrivateKey) key : null;
      return new ConvertedKey(SignatureAlgorithm.ED25519,
          JdkKeys.ed25519Public(((Ed25519PublicKey) pub).getPublicKeyBytes().toByteArray()),
          priv == null ? null : ed25519Private(priv.getPrivateKeyBytes().toByteArray(ACCESS)));
    }
    if (pub instanceof RsaSsaPkcs1PublicKey) {
      RsaSsaPkcs1PublicKey p = (RsaSsaPkcs1PublicKey) pub;
      SignatureAlgorithm alg = rsaAlgorithm(name, p.getParameters().getHashType().toString(), false);
      PublicKey jcaPub = JdkKeys.rsaPublic(p.getModulus(), p.getParameters().getPublicExponent());
      if (!(key instanceof RsaSsaPkcs1PrivateKey)) {
        return new ConvertedKey(alg, jcaPub, null);
      }
      RsaSsaPkcs1PrivateKey k = (RsaSsaPkcs1PrivateKey) key;
      return new ConvertedKey(alg, jcaPub, JdkKeys.rsaPrivate(new RSAPrivateCrtKeySpec(
          p.getModulus(), p.getParameters().getPublicExponent(),
          k.getPrivateExponent().getBigInteger(ACCESS), k.getPrimeP().getBigInteger(ACCESS),
          k.getPrimeQ().getBigInteger(ACCESS), k.getPrimeExponentP().getBigInteger(ACCESS),
          k.getPrimeExponentQ().getBigInteger(ACCESS), k.getCrtCoefficient().getBigInteger(ACCESS))));
    }
    if (pub instanceof RsaSsaPssPublicKey) {
      RsaSsaPssPublicKey p = (RsaSsaPssPublicKey) pub;
      var params = p.getParameters();
      SignatureAlgorithm alg = rsaAlgorithm(name, params.getSigHashType().toString(), true);
      // Tink itself requires the MGF1 hash to equal the signature hash.
      int hashLength = alg.digestAlgorithm().orElseThrow().length();
      if (params.getSaltLengthBytes() != hashLength) {
        throw new InvalidInputException(name + " is RSA-SSA-PSS with a " + params.getSaltLengthBytes()
            + "-byte salt; Countersign (like Sigstore) uses a salt as long as the hash (" + hashLength + " bytes)");
      }
      PublicKey jcaPub = JdkKeys.rsaPublic(p.getModulus(), params.getPublicExponent());
      if (!(key instanceof RsaSsaPssPrivateKey)) {
        return new ConvertedKey(alg, jcaPub, null);
      }
      RsaSsaPssPrivateKey k = (RsaSsaPssPrivateKey) key;
      return new ConvertedKey(alg, jcaPub, JdkKeys.rsaPrivate(new RSAPrivateCrtKeySpec(
          p.getModulus(), params.getPublicExponent(),
          k.getPrivateExponent().getBigInteger(ACCESS), k.getPrimeP().getBigInteger(ACCESS),
          k.getPrimeQ().getBigInteger(ACCESS), k.getPrimeExponentP().getBigInteger(ACCESS),
          k.getPrimeExponentQ().getBigInteger(ACCESS), k.getCrtCoefficient().getBigInteger(ACCESS))));
    }
    throw new InvalidInputException(name + " is of an unsupported type (" + describe(key)
        + "); only ECDSA, Ed25519, RSA-SSA-PKCS1 and RSA-SSA-PSS keys can sign");
  }

  private static ConvertedKey ecdsa(String name, EcdsaPublicKey pub, EcdsaPrivateKey priv) {
    EcdsaParameters p = pub.getParameters();
    if (p.getSignatureEncoding() != EcdsaParameters.SignatureEncoding.DER) {
      throw new InvalidInputException(name + " is ECDSA with " + p.getSignatureEncoding() + " signature encoding"
          + " (raw r||s; Tink's stock ECDSA_P256_RAW template is of this kind), but cosign and Sigstore expect"
          + " ASN.1 DER ECDSA signatures. Create the key with DER encoding and no prefix (EcdsaParameters with"
          + " SignatureEncoding.DER and Variant.NO_PREFIX)");
    }
    String curve;
    SignatureAlgorithm alg;
    EcdsaParameters.HashType h = p.getHashType();
    if (p.getCurveType() == EcdsaParameters.CurveType.NIST_P256 && h == EcdsaParameters.HashType.SHA256) {
      curve = "P-256";
      alg = SignatureAlgorithm.ECDSA_P256_SHA256;
    } else if (p.getCurveType() == EcdsaParameters.CurveType.NIST_P384 && h == EcdsaParameters.HashType.SHA384) {
      curve = "P-384";
      alg = SignatureAlgorithm.ECDSA_P384_SHA384;
    } else if (p.getCurveType() == EcdsaParameters.CurveType.NIST_P521 && h == EcdsaParameters.HashType.SHA512) {
      curve = "P-521";
      alg = SignatureAlgorithm.ECDSA_P521_SHA512;
    } else {
      throw new InvalidInputException(name + " is ECDSA " + p.getCurveType() + " with " + h + ", which Countersign"
          + " does not sign with; use the curve's own hash (P-256/SHA256, P-384/SHA384, P-521/SHA512)");
    }
    PublicKey jcaPub = JdkKeys.ecPublic(KeyInspection.curveParameters(curve), pub.getPublicPoint());
    PrivateKey jcaPriv = priv == null ? null
        : JdkKeys.ecPrivate(KeyInspection.curveParameters(curve), priv.getPrivateValue().getBigInteger(ACCESS));
    return new ConvertedKey(alg, jcaPub, jcaPriv);
  }

  private static SignatureAlgorithm rsaAlgorithm(String name, String hash, boolean pss) {
    switch (hash) {
      case "SHA256":
        return pss ? SignatureAlgorithm.RSA_PSS_SHA256 : SignatureAlgorithm.RSA_PKCS1V15_SHA256;
      case "SHA384":
        return pss ? SignatureAlgorithm.RSA_PSS_SHA384 : SignatureAlgorithm.RSA_PKCS1V15_SHA384;
      case "SHA512":
        return pss ? SignatureAlgorithm.RSA_PSS_SHA512 : SignatureAlgorithm.RSA_PKCS1V15_SHA512;
      default:
        throw new InvalidInputException(name + " is RSA with hash " + hash + "; only SHA256, SHA384 and SHA512");
    }
  }

  private static String variant(SignaturePublicKey pub) {
    if (pub instanceof EcdsaPublicKey) {
      return ((EcdsaPublicKey) pub).getParameters().getVariant().toString();
    }
    if (pub instanceof Ed25519PublicKey) {
      return ((Ed25519PublicKey) pub).getParameters().getVariant().toString();
    }
    if (pub instanceof RsaSsaPkcs1PublicKey) {
      return ((RsaSsaPkcs1PublicKey) pub).getParameters().getVariant().toString();
    }
    if (pub instanceof RsaSsaPssPublicKey) {
      return ((RsaSsaPssPublicKey) pub).getParameters().getVariant().toString();
    }
    return "(non-RAW)";
  }

  private static String describe(Key key) {
    String params = String.valueOf(key.getParameters());
    return params.length() > 120 ? params.substring(0, 120) + "..." : params;
  }

  private static PrivateKey ed25519Private(byte[] seed) {
    try {
      return JdkKeys.ed25519Private(seed);
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }
}
