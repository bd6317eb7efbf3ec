package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.InTotoStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attestation {@link ImageAttestationVerifier} found on an image: its scheme, where it is stored, the trusted
 * keys that signed it, the decoded statement once its envelope verified, and every check that ran (expected vs
 * actual for each failure).
 */
public final class FoundAttestation {
  /** The outcome for this attestation. */
  public enum Status {
    /** Signed by enough trusted keys, about the image, and of the requested predicate type (if any). */
    VERIFIED,
    /** Signed and about the image, but of another predicate type than requested; never counted. */
    OTHER_TYPE,
    /** Did not verify, or is not about the image; {@link #reason()} says why. */
    FAILED,
    /** Not an attestation (another media type or artifact type, or a cosign signature bundle); never counted. */
    IGNORED
  }

  private final SignatureFormat format;
  private final Digest subject;
  private final String location;
  private final Status status;
  private final List<KeyId> keyIds;
  private final VerificationReport report;
  private final InTotoStatement statement;
  private final DsseEnvelope envelope;

  /** Used by {@link ImageAttestationVerifier}; {@code statement} is kept only for VERIFIED and OTHER_TYPE. */
  public FoundAttestation(SignatureFormat format, Digest subject, String location, Status status, List<KeyId> keyIds,
      VerificationReport report, InTotoStatement statement) {
    this(format, subject, location, status, keyIds, report, statement, null);
  }

  /** As above, keeping the envelope the statement came from (VERIFIED and OTHER_TYPE only). */
  public FoundAttestation(SignatureFormat format, Digest subject, String location, Status status, List<KeyId> keyIds,
      VerificationReport report, InTotoStatement statement, DsseEnvelope envelope) {
    this.format = Objects.requireNonNull(format, "format");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.location = Objects.requireNonNull(location, "location");
    this.status = Objects.requireNonNull(status, "status");
    this.keyIds = List.copyOf(keyIds);
    this.report = Objects.requireNonNull(report, "report");
    boolean signed = status == Status.VERIFIED || status == Status.OTHER_TYPE;
    if (signed && statement == null || status == Status.VERIFIED && !report.passed()) {
      throw new IllegalArgumentException("a verified attestation needs its statement and a passed report");
    }
    this.statement = signed ? statement : null;
    this.envelope = signed ? envelope : null;
  }

  /** The DSSE envelope of a verified (or other-type) attestation, when the reader kept it. */
  public Optional<DsseEnvelope> envelope() {
    return Optional.ofNullable(envelope);
  }

  /** {@link SignatureFormat#LEGACY} ({@code .att} layer) or {@link SignatureFormat#BUNDLE} (referrer). */
  public SignatureFormat format() {
    return format;
  }

  /** The image digest this attestation was checked against. */
  public Digest subject() {
    return subject;
  }

  /** Where it was found, e.g. {@code tag sha256-....att layer 0 (sha256:...)} or {@code referrer sha256:...}. */
  public String location() {
    return location;
  }

  public Status status() {
    return status;
  }

  public boolean verified() {
    return status == Status.VERIFIED;
  }

  /** The distinct trusted keys whose signatures verified (empty when none did). */
  public List<KeyId> keyIds() {
    return keyIds;
  }

  /** Every check that ran. */
  public VerificationReport report() {
    return report;
  }

  /** The decoded statement of a signed attestation about the image (VERIFIED or OTHER_TYPE); else empty. */
  public Optional<InTotoStatement> statement() {
    return Optional.ofNullable(statement);
  }

  /** The decoded predicate type of a signed attestation; empty when its envelope did not verify. */
  public Optional<String> predicateType() {
    return statement().map(InTotoStatement::predicateType);
  }

  /** Why it does not count (the first failed check); empty when verified. */
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

  @Override
  public String toString() {
    return format + " " + location + ": " + status + (keyIds.isEmpty() ? "" : " keys " + keyIds)
        + predicateType().map(t -> " type " + t).orElse("") + reason().map(r -> " - " + r).orElse("");
  }
}
