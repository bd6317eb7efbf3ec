package dev.countersign.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Makes signatures with one private key, wherever that key lives (a file, a Tink keyset, AWS KMS, an OpenPGP
 * key). A backend implements {@link #algorithm()}, {@link #publicKey()} and {@link #signDigest(Digest)}; hashing
 * (streamed, in constant memory), DSSE and bundle assembly are layered on top by Countersign.
 *
 * <p>Signature encodings are those cosign writes: ECDSA as ASN.1 DER, Ed25519 as 64 raw bytes, RSA as the
 * modulus-sized big-endian integer. Implementations are thread-safe.
 */
public interface Signer {
  /** The signature scheme, which fixes the hash that {@link #signDigest(Digest)} expects. */
  SignatureAlgorithm algorithm();

  /** The public half of the signing key. */
  PublicKey publicKey();

  /** {@link KeyId#of(PublicKey)} of {@link #publicKey()}. */
  default KeyId keyId() {
    return KeyId.of(publicKey());
  }

  /**
   * Signs a precomputed digest made with {@code algorithm().digestAlgorithm()}. Throws
   * {@link InvalidInputException} when the digest's algorithm differs or the algorithm signs whole messages
   * (pure Ed25519).
   */
  byte[] signDigest(Digest digest);

  /** Signs {@code data}. */
  default byte[] sign(byte[] data) {
    DigestAlgorithm d = algorithm().digestAlgorithm().orElseThrow(() -> new InvalidInputException(
        algorithm() + " signs whole messages; this signer does not implement sign(byte[])"));
    return signDigest(Digest.compute(d, data));
  }

  /**
   * Signs everything {@code data} yields, hashing it as it streams (constant memory) for digest-based
   * algorithms. The stream is not closed.
   */
  default byte[] sign(InputStream data) {
    DigestAlgorithm d = algorithm().digestAlgorithm().orElseThrow(() -> new InvalidInputException(
        algorithm() + " signs whole messages; this signer does not implement sign(InputStream)"));
    return signDigest(Digest.compute(d, data));
  }

  /** Signs a file's content, streaming it. */
  default byte[] sign(Path file) {
    try (InputStream in = dev.countersign.core.internal.ArtifactFiles.open(file)) {
      return sign(in);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
