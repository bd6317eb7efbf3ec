package dev.countersign.testing;

import dev.countersign.core.VerificationReport;
import java.util.Objects;

/**
 * Thrown by {@link SignedFixtures#verify} when fixtures do not match their signed manifest: an
 * {@link AssertionError}, so JUnit and other frameworks report a failed test. The message is the full
 * {@linkplain #report() report}: every check, and the added, removed and changed files.
 */
public final class FixturesMismatchError extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final transient VerificationReport report;

  public FixturesMismatchError(VerificationReport report) {
    super(Objects.requireNonNull(report, "report").toString());
    this.report = report;
  }

  /** The verification report with every check. */
  public VerificationReport report() {
    return report;
  }
}
