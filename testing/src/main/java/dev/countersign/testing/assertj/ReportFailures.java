package dev.countersign.testing.assertj;

import dev.countersign.core.VerificationReport;

/** Failure message text shared by the assertions: what was expected, then the whole report. */
final class ReportFailures {
  private ReportFailures() {}

  static String message(String expectation, VerificationReport report) {
    return "\nExpecting " + expectation + ", but verification failed:\n" + report;
  }
}
