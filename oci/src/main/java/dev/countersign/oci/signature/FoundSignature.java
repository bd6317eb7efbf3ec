package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import java.util.Objects;
import java.util.Optional;

/**
 * One signature (or signature-like attachment) {@link ImageVerifier} found for a manifest: its scheme, where it
 * is stored, which key verified it (or the key id it hinted) and every check that ran, each failure with what was
 * expected and what was found.
 */
public final class FoundSignature {
  /** The outcome for this signature. */
  public enum Status {
    /** Signed by a trusted key and every claim matched. */
    VERIFIED,
    /** A signature that did not verify, or whose claims did not match; {@link #reason()} says why. */
    FAILED,
    /** Not a signature of the scheme (another media type or artifact type); listed, never counted. */
    IGNORED
  }

  private final SignatureFormat format;
  private final Digest subject;
  private final String location;
  private final Status status;
  private final KeyId keyId;
  private final VerificationReport report;
  private final byte[] payload;
  private final SimpleSigningPayload simpleSigning;

  /** Used by {@link ImageVerifier}; {@code keyId}, {@code payload} and {@code simpleSigning} may be null. */
  public FoundSignature(SignatureFormat format, Digest subject, String location, Status status, KeyId keyId,
      VerificationReport report, byte[] payload, SimpleSigningPayload simpleSigning) {
    this.format = Objects.requireNonNull(format, "format");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.location = Objects.requireNonNull(location, "location");
    this.status = Objects.requireNonNull(status, "status");
    this.report = Objects.requireNonNull(report, "report");
    if (status == Status.VERIFIED && !report.passed()) {
      throw new IllegalArgumentException("a verified signature needs a passed report");
    }
    this.keyId = keyId;
    this.payload = status == Status.VERIFIED && payload != null ? payload.clone() : null;
    this.simpleSigning = status == Status.VERIFIED ? simpleSigning : null;
  }

  /** {@link SignatureFormat#LEGACY} or {@link SignatureFormat#BUNDLE}. */
  public SignatureFormat format() {
    return format;
  }

  /** The manifest digest this signature was checked against. */
  public Digest subject() {
    return subject;
  }

  /** Where it was found, e.g. {@code tag sha256-....sig layer 2 (sha256:...)} or {@code referrer sha256:...}. */
  public String location() {
    return location;
  }

  public Status status() {
    return status;
  }

  public boolean verified() {
    return status == Status.VERIFIED;
  }

  /** The trusted key that verified it; for a failed bundle the key id it hinted (never trusted); else empty. */
  public Optional<KeyId> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** Every check that ran. */
  public VerificationReport report() {
    return report;
  }

  /** Why it did not verify (the first failed check), or empty when verified. */
  public Optional<String> reason() {
    if (status == Status.VERIFIED) {
      return Optional.empty();
    }
    for (VerificationCheck c : report.checks()) {
      if (c.status() != VerificationCheck.Status.PASSED) {
        return Optional.of(c.toString());
      }
    }
    return Optional.of(report.summary());
  }

  /** The verified payload bytes (simple-signing JSON, or the in-toto statement); empty unless verified. */
  public Optional<byte[]> payload() {
    return Optional.ofNullable(payload).map(byte[]::clone);
  }

  /** The verified simple-signing payload of a legacy signature; empty otherwise. */
  public Optional<SimpleSigningPayload> simpleSigningPayload() {
    return Optional.ofNullable(simpleSigning);
  }

  @Override
  public String toString() {
    return format + " " + location + ": " + status + (keyId != null ? " key " + keyId : "")
        + reason().map(r -> " - " + r).orElse("");
  }
}
