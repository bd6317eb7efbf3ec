package dev.countersign.core;

import dev.countersign.core.internal.JcaSigner;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/** Factories for {@link Signer}s over in-memory keys. Keys held elsewhere come from {@link KeyBackends}. */
public final class Signers {
  private Signers() {}

  /** A signer for {@code keys} with the algorithm cosign would use ({@link SignatureAlgorithm#defaultFor}). */
  public static Signer of(KeyPair keys) {
    return of(keys, SignatureAlgorithm.defaultFor(keys.getPublic()));
  }

  /** A signer for {@code keys} with a chosen algorithm, which must fit the key. */
  public static Signer of(KeyPair keys, SignatureAlgorithm algorithm) {
    return of(keys.getPrivate(), keys.getPublic(), algorithm);
  }

  /** A signer for a private key and its public half. */
  public static Signer of(PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm) {
    return new JcaSigner(algorithm, privateKey, publicKey);
  }
}
