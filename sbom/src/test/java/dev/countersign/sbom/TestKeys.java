package dev.countersign.sbom;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.KeyGeneration;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generated P-256 key pairs, one per label, cached for the test run. */
final class TestKeys {
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

  private TestKeys() {}

  static Signer p256(String label) {
    return Signers.of(pair(label), SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  static Verifier p256Verifier(String label) {
    return Verifiers.of(pair(label).getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  private static KeyPair pair(String label) {
    return KEYS.computeIfAbsent(label, l -> KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256));
  }
}
