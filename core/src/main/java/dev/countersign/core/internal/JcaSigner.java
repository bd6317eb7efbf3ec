package dev.countersign.core.internal;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import java.io.InputStream;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/** A {@link Signer} over an in-memory JCA private key (file keys, Tink keys). */
public final class JcaSigner implements Signer {
  private final SignatureAlgorithm algorithm;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final KeyId keyId;

  public JcaSigner(SignatureAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    algorithm.checkKey(publicKey);
    if (!KeyInspection.describe(privateKey).type().equals(algorithm.keyType())) {
      throw new InvalidInputException("private key does not match " + algorithm);
    }
    this.keyId = KeyId.of(publicKey);
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public KeyId keyId() {
    return keyId;
  }

  @Override
  public byte[] signDigest(Digest digest) {
    return SignatureEngine.signDigest(algorithm, privateKey, digest);
  }

  @Override
  public byte[] sign(byte[] data) {
    if (!algorithm.signsDigest()) {
      return SignatureEngine.signEd25519(privateKey, data);
    }
    return Signer.super.sign(data);
  }

  @Override
  public byte[] sign(InputStream data) {
    if (!algorithm.signsDigest()) {
      return SignatureEngine.signEd25519(privateKey, WholeMessage.read(data));
    }
    return Signer.super.sign(data);
  }

  /** Names the algorithm and key id only; never the key. */
  @Override
  public String toString() {
    return "Signer{" + algorithm.id() + ", keyId=" + keyId + "}";
  }
}
