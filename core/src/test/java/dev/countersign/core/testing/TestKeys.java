package dev.countersign.core.testing;

import dev.countersign.core.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Map;

/** Key pairs for tests, generated once per JVM per algorithm family (RSA generation is slow). */
public final class TestKeys {
  private static final Map<SignatureAlgorithm, KeyPair> CACHE = new EnumMap<>(SignatureAlgorithm.class);

  private TestKeys() {}

  /** A key pair that fits {@code algorithm}; RSA keys are 2048 bits. */
  public static synchronized KeyPair forAlgorithm(SignatureAlgorithm algorithm) {
    return CACHE.computeIfAbsent(canonical(algorithm), TestKeys::generate);
  }

  private static SignatureAlgorithm canonical(SignatureAlgorithm a) {
    switch (a.keyType()) {
      case RSA:
        return SignatureAlgorithm.RSA_PKCS1V15_SHA256;
      case ED25519:
        return SignatureAlgorithm.ED25519;
      default:
        return a.curve().get().equals("P-256") ? SignatureAlgorithm.ECDSA_P256_SHA256
            : a.curve().get().equals("P-384") ? SignatureAlgorithm.ECDSA_P384_SHA384
            : SignatureAlgorithm.ECDSA_P521_SHA512;
    }
  }

  private static KeyPair generate(SignatureAlgorithm a) {
    try {
      switch (a.keyType()) {
        case RSA: {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048);
          return g.generateKeyPair();
        }
        case ED25519:
          return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        default: {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          String c = a.curve().get();
          g.initialize(new ECGenParameterSpec(c.equals("P-256") ? "secp256r1" : c.equals("P-384") ? "secp384r1"
              : "secp521r1"));
          return g.generateKeyPair();
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
