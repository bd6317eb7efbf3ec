package dev.countersign.testing.servers.internal.kms;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;

/** The key specs TestKms generates, with the signing algorithms AWS lists for each, in AWS's order. */
enum LocalKeySpec {
  ECC_NIST_P256("secp256r1", 0, List.of(SigningAlgorithm.ECDSA_SHA_256)),
  ECC_NIST_P384("secp384r1", 0, List.of(SigningAlgorithm.ECDSA_SHA_384)),
  ECC_NIST_P521("secp521r1", 0, List.of(SigningAlgorithm.ECDSA_SHA_512)),
  RSA_2048(null, 2048, Rsa.ALGORITHMS),
  RSA_3072(null, 3072, Rsa.ALGORITHMS),
  RSA_4096(null, 4096, Rsa.ALGORITHMS),
  SYMMETRIC_DEFAULT(null, 0, List.of());

  private static final class Rsa {
    static final List<SigningAlgorithm> ALGORITHMS = List.of(
        SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384,
        SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512, SigningAlgorithm.RSASSA_PSS_SHA_256,
        SigningAlgorithm.RSASSA_PSS_SHA_384, SigningAlgorithm.RSASSA_PSS_SHA_512);
  }

  private final String curve;
  private final int rsaBits;
  private final List<SigningAlgorithm> signingAlgorithms;

  LocalKeySpec(String curve, int rsaBits, List<SigningAlgorithm> signingAlgorithms) {
    this.curve = curve;
    this.rsaBits = rsaBits;
    this.signingAlgorithms = signingAlgorithms;
  }

  List<SigningAlgorithm> signingAlgorithms() {
    return signingAlgorithms;
  }

  boolean isSymmetric() {
    return this == SYMMETRIC_DEFAULT;
  }

  boolean isRsa() {
    return rsaBits > 0;
  }

  /** A fresh key pair for an asymmetric spec. */
  KeyPair generateKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator;
      if (curve != null) {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), random);
      } else if (rsaBits > 0) {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), random);
      } else {
        throw new IllegalStateException(name() + " is not an asymmetric key spec");
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + name() + " key pair", e);
    }
  }

  static LocalKeySpec parse(String name) {
    for (LocalKeySpec s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    if (name.startsWith("ECC_") || name.startsWith("RSA_") || name.startsWith("HMAC_") || name.startsWith("SM2")
        || name.startsWith("ML_DSA")) {
      throw KmsError.unsupported("TestKms does not implement KeySpec " + name);
    }
    throw KmsError.validation("1 validation error detected: Value '" + name
        + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set");
  }
}
