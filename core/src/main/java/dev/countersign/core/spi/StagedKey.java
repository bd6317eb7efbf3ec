package dev.countersign.core.spi;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A key a backend has created but not yet made usable ({@link KeyProvider#stage}): its public key, the algorithm it
 * will sign with, and the concrete backend key id (e.g. an AWS KMS key ARN, never an alias) under which
 * {@link KeyProvider#activate} later enables it. Holds no private material.
 */
public final class StagedKey {
  private final PublicKey publicKey;
  private final SignatureAlgorithm algorithm;
  private final String backendId;

  private StagedKey(PublicKey publicKey, SignatureAlgorithm algorithm, String backendId) {
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    algorithm.checkKey(publicKey);
    if (backendId == null || backendId.isBlank()) {
      throw new InvalidInputException("a staged key needs its concrete backend key id");
    }
    this.backendId = backendId;
  }

  /** A staged key with {@code publicKey}, signing with {@code algorithm}, held as {@code backendId}. */
  public static StagedKey of(PublicKey publicKey, SignatureAlgorithm algorithm, String backendId) {
    return new StagedKey(publicKey, algorithm, backendId);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  public KeyId keyId() {
    return KeyId.of(publicKey);
  }

  /** The concrete backend key id, e.g. {@code arn:aws:kms:eu-west-1:111122223333:key/...}. */
  public String backendId() {
    return backendId;
  }

  @Override
  public String toString() {
    return "StagedKey{" + keyId() + ", " + algorithm.id() + ", " + backendId + "}";
  }
}
