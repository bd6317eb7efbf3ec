package dev.countersign.core.internal;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import java.io.InputStream;
import java.security.PublicKey;
import java.util.Objects;

/** A {@link Verifier} over a JCA public key. Malformed signatures fail verification with the reason. */
public final class JcaVerifier implements Verifier {
  private final SignatureAlgorithm algorithm;
  private final PublicKey publicKey;
  private final KeyId keyId;

  public JcaVerifier(SignatureAlgorithm algorithm, PublicKey publicKey) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    algorithm.checkKey(publicKey);
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
  public void verifyDigest(Digest digest, byte[] signature) {
    boolean ok;
    try {
      ok = SignatureEngine.verifyDigest(algorithm, publicKey, digest, signature);
    } catch (InvalidInputException e) {
      if (!algorithm.signsDigest() || digest.algorithm() != algorithm.digestAlgorithm().get()) {
        throw e;
      }
      throw failure("malformed signature: " + e.getMessage());
    }
    if (!ok) {
      throw failure(null);
    }
  }

  @Override
  public void verify(byte[] data, byte[] signature) {
    if (algorithm.signsDigest()) {
      Verifier.super.verify(data, signature);
      return;
    }
    verifyWhole(data, signature);
  }

  @Override
  public void verify(InputStream data, byte[] signature) {
    if (algorithm.signsDigest()) {
      Verifier.super.verify(data, signature);
      return;
    }
    verifyWhole(WholeMessage.read(data), signature);
  }

  private void verifyWhole(byte[] data, byte[] signature) {
    boolean ok;
    try {
      ok = SignatureEngine.verifyEd25519(publicKey, data, signature);
    } catch (InvalidInputException e) {
      throw failure("malformed signature: " + e.getMessage());
    }
    if (!ok) {
      throw failure(null);
    }
  }

  private VerificationException failure(String detail) {
    return new VerificationException(VerificationReport.builder("signature")
        .add(VerificationCheck.failed("signature", "valid " + algorithm.id() + " signature by key " + keyId,
            "signature does not verify", detail))
        .build());
  }

  @Override
  public String toString() {
    return "Verifier{" + algorithm.id() + ", keyId=" + keyId + "}";
  }
}
