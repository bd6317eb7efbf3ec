package dev.countersign.core.intoto;

import dev.countersign.core.VerificationReport;
import dev.countersign.core.dsse.DsseEnvelope;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link AttestationVerifier}: the report of every check, the envelope, and the statement when the
 * payload parsed (present even when a signature check failed, so that a caller can say what was found; trust it
 * only when {@link #passed()}).
 */
public final class AttestationVerification {
  private final VerificationReport report;
  private final DsseEnvelope envelope;
  private final InTotoStatement statement;

  private AttestationVerification(VerificationReport report, DsseEnvelope envelope, InTotoStatement statement) {
    this.report = Objects.requireNonNull(report, "report");
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    this.statement = statement;
  }

  /** An outcome from its parts (the verifier's entry point). */
  public static AttestationVerification of(VerificationReport report, DsseEnvelope envelope,
      InTotoStatement statement) {
    return new AttestationVerification(report, envelope, statement);
  }

  public VerificationReport report() {
    return report;
  }

  public boolean passed() {
    return report.passed();
  }

  public DsseEnvelope envelope() {
    return envelope;
  }

  /** The parsed statement, whether or not verification passed; empty when it did not parse or was not read. */
  public Optional<InTotoStatement> statement() {
    return Optional.ofNullable(statement);
  }

  /**
   * The statement of a passed verification.
   *
   * @throws dev.countersign.core.VerificationException carrying the report unless every check passed
   */
  public InTotoStatement verifiedStatement() {
    report.orThrow();
    return statement;
  }

  @Override
  public String toString() {
    return report.summary();
  }
}
