package dev.countersign.core;

import java.util.Objects;

/**
 * A verification failed. {@link #report()} names every check that ran, which failed, and for each failure what
 * was expected and what was found; the message summarises the first failure.
 */
public final class VerificationException extends CountersignException {
  private static final long serialVersionUID = 1L;
  private final transient VerificationReport report;

  public VerificationException(VerificationReport report) {
    super(Objects.requireNonNull(report, "report").summary());
    this.report = report;
  }

  /** The full report, failed checks included. */
  public VerificationReport report() {
    return report;
  }
}
