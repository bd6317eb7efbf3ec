package dev.countersign.oci.testing;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.KeyGeneration;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generated key pairs, one per algorithm and label, cached for the test run. */
public final class TestSigners {
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

  private TestSigners() {}

  public static KeyPair keyPair(SignatureAlgorithm alg, String label) {
    return KEYS.computeIfAbsent(alg + "/" + label, k -> alg.keyType() == dev.countersign.core.KeyType.RSA
        ? KeyGeneration.generate(alg, 2048) : KeyGeneration.generate(alg));
  }

  public static Signer signer(SignatureAlgorithm alg, String label) {
    return Signers.of(keyPair(alg, label), alg);
  }

  public static Verifier verifier(SignatureAlgorithm alg, String label) {
    return Verifiers.of(keyPair(alg, label).getPublic(), alg);
  }

  public static Signer p256(String label) {
    return signer(SignatureAlgorithm.ECDSA_P256_SHA256, label);
  }

  public static Verifier p256Verifier(String label) {
    return verifier(SignatureAlgorithm.ECDSA_P256_SHA256, label);
  }
}
