package dev.countersign.testing.assertj;

import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.testing.BlobUnderTest;
import dev.countersign.testing.internal.Reports;
import java.nio.file.Path;
import java.security.PublicKey;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a signed file. A failure's message is the verification report: every check with what was expected
 * and what was found.
 */
public final class BlobAssert extends AbstractAssert<BlobAssert, BlobUnderTest> {
  BlobAssert(BlobUnderTest actual) {
    super(actual, BlobAssert.class);
  }

  /** Verifies that {@code signatureOrBundle} (a Sigstore bundle or cosign's base64 signature file) signs the blob. */
  public BlobAssert isSignedBy(Verifier verifier, Path signatureOrBundle) {
    isNotNull();
    return expectPassed(Reports.blob(actual.file(), verifier, signatureOrBundle), verifier);
  }

  /** {@link #isSignedBy(Verifier, Path)} with the algorithm cosign uses for {@code key}. */
  public BlobAssert isSignedBy(PublicKey key, Path signatureOrBundle) {
    return isSignedBy(Verifiers.of(key), signatureOrBundle);
  }

  /** Verifies a base64 signature (as {@code cosign sign-blob} prints it) over the blob. */
  public BlobAssert isSignedBy(Verifier verifier, String base64Signature) {
    isNotNull();
    return expectPassed(Reports.blob(actual.file(), verifier, base64Signature), verifier);
  }

  /** Verifies that the signature or bundle does <em>not</em> verify with {@code verifier} over the blob. */
  public BlobAssert isNotSignedBy(Verifier verifier, Path signatureOrBundle) {
    isNotNull();
    VerificationReport report = Reports.blob(actual.file(), verifier, signatureOrBundle);
    if (report.passed()) {
      failWithMessage("%s", "\nExpecting " + actual + " not to verify with key " + verifier.keyId()
          + " and " + signatureOrBundle + ", but it did:\n" + report);
    }
    return this;
  }

  private BlobAssert expectPassed(VerificationReport report, Verifier verifier) {
    if (!report.passed()) {
      failWithMessage("%s", ReportFailures.message(actual + " to be signed by key " + verifier.keyId(), report));
    }
    return this;
  }
}
