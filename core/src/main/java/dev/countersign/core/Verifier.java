package dev.countersign.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Checks signatures made with one public key. Every method returns normally only when the signature is valid and
 * otherwise throws {@link VerificationException} whose report names the failed check, what was expected and what
 * was found; there is no boolean to forget to test. Signature encodings are those {@link Signer} documents;
 * ECDSA signatures must be canonical DER (high-S values are accepted, as cosign accepts them).
 * Implementations are thread-safe.
 */
public interface Verifier {
  /** The signature scheme this verifier checks. */
  SignatureAlgorithm algorithm();

  /** The public key signatures are checked against. */
  PublicKey publicKey();

  /** {@link KeyId#of(PublicKey)} of {@link #publicKey()}. */
  default KeyId keyId() {
    return KeyId.of(publicKey());
  }

  /**
   * Verifies a signature over a precomputed digest; the digest must use {@code algorithm().digestAlgorithm()}.
   * Pure Ed25519 cannot verify a digest and throws {@link InvalidInputException}.
   */
  void verifyDigest(Digest digest, byte[] signature);

  /** Verifies a signature over {@code data}. */
  default void verify(byte[] data, byte[] signature) {
    DigestAlgorithm d = algorithm().digestAlgorithm().orElseThrow(() -> new InvalidInputException(
        algorithm() + " verifies whole messages; this verifier does not implement verify(byte[], byte[])"));
    verifyDigest(Digest.compute(d, data), signature);
  }

  /** Verifies a signature over everything {@code data} yields, hashing it as it streams; the stream is not closed. */
  default void verify(InputStream data, byte[] signature) {
    DigestAlgorithm d = algorithm().digestAlgorithm().orElseThrow(() -> new InvalidInputException(
        algorithm() + " verifies whole messages; this verifier does not implement verify(InputStream, byte[])"));
    verifyDigest(Digest.compute(d, data), signature);
  }

  /** Verifies a signature over a file's content, streaming it. */
  default void verify(Path file, byte[] signature) {
    try (InputStream in = dev.countersign.core.internal.ArtifactFiles.open(file)) {
      verify(in, signature);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
