package dev.countersign.core;

import dev.countersign.core.internal.JcaVerifier;
import java.security.PublicKey;

/** Factories for {@link Verifier}s over public keys. */
public final class Verifiers {
  private Verifiers() {}

  /** A verifier with the algorithm cosign uses for this key ({@link SignatureAlgorithm#defaultFor}). */
  public static Verifier of(PublicKey key) {
    return of(key, SignatureAlgorithm.defaultFor(key));
  }

  /** A verifier for a chosen algorithm, which must fit the key. */
  public static Verifier of(PublicKey key, SignatureAlgorithm algorithm) {
    return new JcaVerifier(algorithm, key);
  }

  /** A verifier for the public half of {@code signer}, with the same algorithm. */
  public static Verifier of(Signer signer) {
    return of(signer.publicKey(), signer.algorithm());
  }
}
