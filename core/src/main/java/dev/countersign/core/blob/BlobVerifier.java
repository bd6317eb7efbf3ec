package dev.countersign.core.blob;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.internal.blob.BlobVerification;
import dev.countersign.core.internal.Base64Text;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Verifies blob signatures the way {@code cosign verify-blob --key} does, against trusted keys only: a raw base64
 * signature or a Sigstore bundle's {@code messageSignature}. The artifact is read once (hashed as it streams; kept
 * whole only for pure Ed25519). The {@code check*} methods return a {@link VerificationReport} listing every
 * check ({@code bundle}, {@code key}, {@code artifact-digest}, {@code signature}, {@code transparency-log},
 * {@code timestamp}); the {@code verify*} methods throw {@link dev.countersign.core.VerificationException}
 * unless it passed. A bundle's key hint only orders the trusted keys. Transparency-log entries are reported as not
 * performed (no Sigstore trusted root is configured); timestamps too, unless {@link #withTrustedTimestamps} is
 * configured.
 *
 * <pre>{@code
 * BlobVerifier.of(Verifiers.of(publicKey)).verifyBundle(Path.of("app.tar.gz"), Bundle.parse(bundleFile));
 * }</pre>
 */
public final class BlobVerifier {
  private final KeyResolver keys;
  private final TrustedTimestamps timestamps;

  private BlobVerifier(KeyResolver keys, TrustedTimestamps timestamps) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.timestamps = timestamps;
  }

  /** A verifier trusting exactly these keys (none: every verification fails its {@code key} check). */
  public static BlobVerifier of(Verifier... trusted) {
    return new BlobVerifier(KeyResolver.of(trusted), null);
  }

  /** A verifier asking {@code resolver} for trusted keys (with the bundle's hint). */
  public static BlobVerifier of(KeyResolver resolver) {
    return new BlobVerifier(resolver, null);
  }

  /**
   * This verifier, requiring a trusted RFC 3161 timestamp over the signature (as {@code cosign verify-blob
   * --timestamp-certificate-chain}): a bundle without one, a raw signature (which carries none) or a token that
   * fails a rule fails the {@code timestamp} check; a verified token's genTime is the signing time asked of the
   * key resolver.
   */
  public BlobVerifier withTrustedTimestamps(TrustedTimestamps trusted) {
    return new BlobVerifier(keys, Objects.requireNonNull(trusted, "trusted"));
  }

  /**
   * Checks a raw signature: {@code base64Signature} is the signature file's text (surrounding whitespace is
   * ignored). Bad base64 throws {@link InvalidInputException}.
   */
  public VerificationReport checkSignature(InputStream artifact, String base64Signature) {
    return BlobVerification.raw("artifact", artifact, decode(base64Signature), List.of(), keys,
        timestamps);
  }

  /** Checks a raw signature over a file. */
  public VerificationReport checkSignature(Path artifact, String base64Signature) {
    byte[] sig = decode(base64Signature);
    try (InputStream in = dev.countersign.core.internal.ArtifactFiles.open(artifact)) {
      return BlobVerification.raw(artifact.toString(), in, sig, List.of(), keys, timestamps);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + artifact + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks a raw signature over a file together with the RFC 3161 timestamp over it that was kept beside it (a DER
   * {@code TimeStampResp}, e.g. from {@link dev.countersign.core.timestamp.CosignTimestampJson#parse}), as
   * {@code cosign verify-blob --rfc3161-timestamp} does. Without trusted timestamps it is only counted.
   */
  public VerificationReport checkSignature(Path artifact, String base64Signature, byte[] timeStampResponse) {
    byte[] sig = decode(base64Signature);
    byte[] ts = Objects.requireNonNull(timeStampResponse, "timeStampResponse").clone();
    try (InputStream in = dev.countersign.core.internal.ArtifactFiles.open(artifact)) {
      return BlobVerification.raw(artifact.toString(), in, sig, List.of(ts), keys, timestamps);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + artifact + ": " + e.getMessage(), e);
    }
  }

  /** Checks a bundle's message signature over the artifact. */
  public VerificationReport checkBundle(InputStream artifact, Bundle bundle) {
    return BlobVerification.bundle("artifact", artifact, Objects.requireNonNull(bundle, "bundle"), keys,
        timestamps);
  }

  /** Checks a bundle's message signature over a file. */
  public VerificationReport checkBundle(Path artifact, Bundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    try (InputStream in = dev.countersign.core.internal.ArtifactFiles.open(artifact)) {
      return BlobVerification.bundle(artifact.toString(), in, bundle, keys, timestamps);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + artifact + ": " + e.getMessage(), e);
    }
  }

  /** {@link #checkSignature(Path, String)}, throwing unless it passed. */
  public VerificationReport verifySignature(Path artifact, String base64Signature) {
    return checkSignature(artifact, base64Signature).orThrow();
  }

  /** {@link #checkSignature(InputStream, String)}, throwing unless it passed. */
  public VerificationReport verifySignature(InputStream artifact, String base64Signature) {
    return checkSignature(artifact, base64Signature).orThrow();
  }

  /** {@link #checkBundle(Path, Bundle)}, throwing unless it passed. */
  public VerificationReport verifyBundle(Path artifact, Bundle bundle) {
    return checkBundle(artifact, bundle).orThrow();
  }

  /** {@link #checkBundle(InputStream, Bundle)}, throwing unless it passed. */
  public VerificationReport verifyBundle(InputStream artifact, Bundle bundle) {
    return checkBundle(artifact, bundle).orThrow();
  }

  private static byte[] decode(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("signature is empty");
    }
    byte[] sig = Base64Text.decode(text.strip(), "signature");
    if (sig.length == 0) {
      throw new InvalidInputException("signature is empty");
    }
    return sig;
  }
}
