package dev.countersign.core.internal.tink;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.RsaSsaPkcs1Parameters;
import com.google.crypto.tink.signature.RsaSsaPssParameters;
import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import java.security.GeneralSecurityException;

/**
 * The Tink key parameters Countersign generates for a {@link SignatureAlgorithm}: always RAW (no output prefix),
 * ECDSA with DER encoding, RSA with exponent 65537 and 3072 bits (4096 for SHA-512), PSS with MGF1 of the
 * signature hash and a salt as long as the hash.
 */
public final class TinkParameters {
  private TinkParameters() {}

  /** RSA modulus size generated for {@code algorithm}. */
  public static int rsaBits(SignatureAlgorithm algorithm) {
    return algorithm == SignatureAlgorithm.RSA_PKCS1V15_SHA512 || algorithm == SignatureAlgorithm.RSA_PSS_SHA512
        ? 4096 : 3072;
  }

  /** Parameters for a new key of {@code algorithm}; refuses algorithms Tink cannot generate. */
  public static Parameters forAlgorithm(SignatureAlgorithm algorithm) {
    try {
      switch (algorithm) {
        case ECDSA_P256_SHA256:
          return ecdsa(EcdsaParameters.CurveType.NIST_P256, EcdsaParameters.HashType.SHA256);
        case ECDSA_P384_SHA384:
          return ecdsa(EcdsaParameters.CurveType.NIST_P384, EcdsaParameters.HashType.SHA384);
        case ECDSA_P521_SHA512:
          return ecdsa(EcdsaParameters.CurveType.NIST_P521, EcdsaParameters.HashType.SHA512);
        case ED25519:
          return Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);
        case RSA_PKCS1V15_SHA256:
        case RSA_PKCS1V15_SHA384:
        case RSA_PKCS1V15_SHA512:
          return RsaSsaPkcs1Parameters.builder()
              .setModulusSizeBits(rsaBits(algorithm))
              .setPublicExponent(RsaSsaPkcs1Parameters.F4)
              .setHashType(pkcs1Hash(algorithm))
              .setVariant(RsaSsaPkcs1Parameters.Variant.NO_PREFIX)
              .build();
        case RSA_PSS_SHA256:
        case RSA_PSS_SHA384:
        case RSA_PSS_SHA512: {
          RsaSsaPssParameters.HashType h = pssHash(algorithm);
          return RsaSsaPssParameters.builder()
              .setModulusSizeBits(rsaBits(algorithm))
              .setPublicExponent(RsaSsaPssParameters.F4)
              .setSigHashType(h)
              .setMgf1HashType(h)
              .setSaltLengthBytes(algorithm.digestAlgorithm().orElseThrow().length())
              .setVariant(RsaSsaPssParameters.Variant.NO_PREFIX)
              .build();
        }
        default:
          throw new InvalidInputException("Tink keys cannot be " + algorithm + ": Tink ECDSA keys hash with the"
              + " curve's own hash; use ECDSA_P384_SHA384 or ECDSA_P521_SHA512");
      }
    } catch (GeneralSecurityException e) {
      throw new CountersignException("Tink refused parameters for " + algorithm + ": " + e.getMessage(), e);
    }
  }

  private static EcdsaParameters ecdsa(EcdsaParameters.CurveType curve, EcdsaParameters.HashType hash)
      throws GeneralSecurityException {
    return EcdsaParameters.builder()
        .setCurveType(curve)
        .setHashType(hash)
        .setSignatureEncoding(EcdsaParameters.SignatureEncoding.DER)
        .setVariant(EcdsaParameters.Variant.NO_PREFIX)
        .build();
  }

  private static RsaSsaPkcs1Parameters.HashType pkcs1Hash(SignatureAlgorithm a) {
    switch (a.digestAlgorithm().orElseThrow()) {
      case SHA256:
        return RsaSsaPkcs1Parameters.HashType.SHA256;
      case SHA384:
        return RsaSsaPkcs1Parameters.HashType.SHA384;
      default:
        return RsaSsaPkcs1Parameters.HashType.SHA512;
    }
  }

  private static RsaSsaPssParameters.HashType pssHash(SignatureAlgorithm a) {
    switch (a.digestAlgorithm().orElseThrow()) {
      case SHA256:
        return RsaSsaPssParameters.HashType.SHA256;
      case SHA384:
        return RsaSsaPssParameters.HashType.SHA384;
      default:
        return RsaSsaPssParameters.HashType.SHA512;
    }
  }
}
