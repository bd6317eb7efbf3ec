package dev.countersign.testing.assertj;

import dev.countersign.core.CountersignException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import dev.countersign.testing.ChartUnderTest;
import dev.countersign.testing.TestPgpKey;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a packaged Helm chart's provenance ({@code .prov}), as {@code helm verify} checks it. */
public final class ChartAssert extends AbstractAssert<ChartAssert, ChartUnderTest> {
  ChartAssert(ChartUnderTest actual) {
    super(actual, ChartAssert.class);
  }

  /** Verifies the chart's {@code .prov} beside it: a clear-signed file by a key of {@code keyring}, digest matching. */
  public ChartAssert hasValidProvenance(PgpKeyring keyring) {
    isNotNull();
    VerificationReport report;
    try {
      report = ProvenanceVerifier.withKeyring(keyring).verify(actual.archive());
    } catch (CountersignException e) {
      report = VerificationReport.builder(actual.toString())
          .add(VerificationCheck.failed("provenance", "a readable chart and .prov", "unusable", e.getMessage()))
          .build();
    }
    if (!report.passed()) {
      failWithMessage("%s", ReportFailures.message(actual + " to have valid provenance", report));
    }
    return this;
  }

  /** {@link #hasValidProvenance(PgpKeyring)} with the public keyring of a test key. */
  public ChartAssert hasValidProvenance(TestPgpKey key) {
    return hasValidProvenance(key.publicKeyring());
  }
}
