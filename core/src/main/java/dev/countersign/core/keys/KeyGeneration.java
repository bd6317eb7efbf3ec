package dev.countersign.core.keys;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyType;
import dev.countersign.core.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * Generates key pairs with the JDK's providers. The default is ECDSA P-256, what {@code cosign generate-key-pair}
 * makes; RSA keys are {@value #DEFAULT_RSA_BITS} bits unless 2048 or 4096 is chosen.
 */
public final class KeyGeneration {
  /** RSA modulus size used when none is given. */
  public static final int DEFAULT_RSA_BITS = 3072;

  private KeyGeneration() {}

  /** An ECDSA P-256 key pair (for {@link SignatureAlgorithm#ECDSA_P256_SHA256}). */
  public static KeyPair generate() {
    return generate(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  /** A key pair that fits {@code algorithm}: its curve for ECDSA, Ed25519, or RSA of {@value #DEFAULT_RSA_BITS} bits. */
  public static KeyPair generate(SignatureAlgorithm algorithm) {
    return generate(algorithm, DEFAULT_RSA_BITS);
  }

  /**
   * A key pair that fits {@code algorithm}; {@code rsaBits} (2048, 3072 or 4096) sizes RSA keys and is ignored for
   * others.
   */
  public static KeyPair generate(SignatureAlgorithm algorithm, int rsaBits) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (algorithm.keyType() == KeyType.RSA && rsaBits != 2048 && rsaBits != 3072 && rsaBits != 4096) {
      throw new InvalidInputException("RSA keys must be 2048, 3072 or 4096 bits, got " + rsaBits);
    }
    try {
      switch (algorithm.keyType()) {
        case RSA: {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(rsaBits);
          return g.generateKeyPair();
        }
        case ED25519:
          return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        default: {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec(stdCurveName(algorithm.curve().orElseThrow())));
          return g.generateKeyPair();
        }
      }
    } catch (GeneralSecurityException e) {
      throw new CountersignException("this JVM cannot generate " + algorithm.id() + " keys: " + e.getMessage(), e);
    }
  }

  private static String stdCurveName(String nist) {
    switch (nist) {
      case "P-256":
        return "secp256r1";
      case "P-384":
        return "secp384r1";
      default:
        return "secp521r1";
    }
  }
}
