package dev.countersign.core.blob;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.core.timestamp.Timestamper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Signs blobs the way {@code cosign sign-blob --key} does. Digest-based keys (ECDSA, RSA) hash the artifact once,
 * streaming it in constant memory, and sign the digest; pure Ed25519 hands the whole message to the
 * {@link Signer} (which buffers it).
 *
 * <pre>{@code
 * BlobSignature sig = BlobSigner.of(signer).sign(Path.of("app.tar.gz"));
 * Files.writeString(Path.of("app.tar.gz.sig"), sig.base64());
 * Files.writeString(Path.of("app.tar.gz.sigstore.json"), sig.bundleJson());
 * }</pre>
 */
public final class BlobSigner {
  private final Signer signer;
  private final Timestamper timestamper;

  private BlobSigner(Signer signer, Timestamper timestamper) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.timestamper = timestamper;
  }

  public static BlobSigner of(Signer signer) {
    return new BlobSigner(signer, null);
  }

  /**
   * This signer, also obtaining an RFC 3161 timestamp over each signature's bytes from {@code timestamper} (as
   * {@code cosign sign-blob --timestamp-server-url}); a timestamp that cannot be obtained fails the signing.
   */
  public BlobSigner withTimestamper(Timestamper timestamper) {
    return new BlobSigner(signer, Objects.requireNonNull(timestamper, "timestamper"));
  }

  /** Signs a file's content. */
  public BlobSignature sign(Path artifact) {
    try (InputStream in = dev.countersign.core.internal.ArtifactFiles.open(artifact)) {
      return sign(in);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + artifact + ": " + e.getMessage(), e);
    }
  }

  /** Signs bytes. */
  public BlobSignature sign(byte[] artifact) {
    return sign(new ByteArrayInputStream(artifact));
  }

  /** Signs everything {@code artifact} yields (the stream is not closed). */
  public BlobSignature sign(InputStream artifact) {
    BlobSignature sig = signUntimestamped(artifact);
    return timestamper == null ? sig : sig.withTimestamp(timestamper.timestampResponse(sig.signature()));
  }

  private BlobSignature signUntimestamped(InputStream artifact) {
    Objects.requireNonNull(artifact, "artifact");
    try {
      if (signer.algorithm().signsDigest()) {
        Digest digest = Digest.compute(signer.algorithm().digestAlgorithm().get(), artifact);
        return BlobSignature.of(signer.signDigest(digest), digest, signer.keyId());
      }
      MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
      DigestInputStream in = new DigestInputStream(artifact, md);
      byte[] sig = signer.sign(in);
      if (in.transferTo(OutputStream.nullOutputStream()) != 0) {
        throw new InvalidInputException("the signer did not read the whole artifact");
      }
      return BlobSignature.of(sig, Digest.of(DigestAlgorithm.SHA256, md.digest()), signer.keyId());
    } catch (UncheckedIOException | IOException e) {
      throw new InvalidInputException("cannot read the artifact: " + e.getMessage(), e);
    }
  }
}
