package dev.countersign.keys.timestamp;

import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link TimestampVerifier#verify}: the report (checks {@code imprint}, {@code tsa-signature},
 * {@code tsa-chain}, {@code tsa-eku}) and, only when every check passed, the trusted signing time (the token's
 * genTime).
 */
public final class TimestampVerification {
  private final VerificationReport report;
  private final Instant genTime;

  TimestampVerification(VerificationReport report, Instant genTime) {
    this.report = Objects.requireNonNull(report, "report");
    this.genTime = Objects.requireNonNull(genTime, "genTime");
  }

  public VerificationReport report() {
    return report;
  }

  public boolean passed() {
    return report.passed();
  }

  /** The genTime of the token when the verification passed; empty otherwise (an untrusted claim). */
  public Optional<Instant> trustedTime() {
    return passed() ? Optional.of(genTime) : Optional.empty();
  }

  /** The trusted time, or a {@link VerificationException} carrying the report. */
  public Instant trustedTimeOrThrow() {
    report.orThrow();
    return genTime;
  }

  @Override
  public String toString() {
    return passed() ? "timestamp verified: " + genTime : report.summary();
  }
}
