package dev.countersign.core.internal.tink;

import dev.countersign.core.SignatureAlgorithm;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/** One Tink signature key as JCA keys plus the Countersign algorithm it signs with. Never prints the key. */
public final class ConvertedKey {
  private final SignatureAlgorithm algorithm;
  private final PublicKey publicKey;
  private final PrivateKey privateKey;

  ConvertedKey(SignatureAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.privateKey = privateKey;
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The private key, empty for a key read from a public keyset. */
  public Optional<PrivateKey> privateKey() {
    return Optional.ofNullable(privateKey);
  }

  @Override
  public String toString() {
    return "ConvertedKey{" + algorithm.id() + (privateKey == null ? ", public" : ", private") + "}";
  }
}
