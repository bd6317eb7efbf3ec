package dev.countersign.testing.assertj;

import dev.countersign.core.CountersignException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.testing.ImageUnderTest;
import dev.countersign.testing.internal.Reports;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an image's cosign signatures and attestations. {@link #hasSignatureFrom} remembers the key, so
 * {@code assertThat(image).hasSignatureFrom(key).hasAttestation(type).satisfies(s -> ...)} checks the attestation
 * with the same key. A failure's message is the verification report.
 */
public final class ImageAssert extends AbstractAssert<ImageAssert, ImageUnderTest> {
  private final List<Verifier> trusted = new ArrayList<>();

  ImageAssert(ImageUnderTest actual) {
    super(actual, ImageAssert.class);
  }

  /** Verifies that a signature by {@code verifier}'s key covers the image (every manifest of an index). */
  public ImageAssert hasSignatureFrom(Verifier verifier) {
    isNotNull();
    VerificationReport report = Reports.image(actual, verifier);
    if (!report.passed()) {
      failWithMessage("%s", ReportFailures.message(actual + " to have a signature from key " + verifier.keyId(),
          report));
    }
    trusted.add(verifier);
    return this;
  }

  /** {@link #hasSignatureFrom(Verifier)} with the algorithm cosign uses for {@code key}. */
  public ImageAssert hasSignatureFrom(PublicKey key) {
    return hasSignatureFrom(Verifiers.of(key));
  }

  /** Verifies an attestation of {@code predicateType} by a key given to {@link #hasSignatureFrom} before. */
  public StatementAssert hasAttestation(String predicateType) {
    isNotNull();
    if (trusted.isEmpty()) {
      failWithMessage("no trusted key: call hasSignatureFrom(key) first or use hasAttestation(type, key)");
    }
    return attestation(predicateType, trusted.toArray(new Verifier[0]));
  }

  /** Verifies an attestation of {@code predicateType} (a URI or cosign shortcut) signed by {@code verifier}. */
  public StatementAssert hasAttestation(String predicateType, Verifier verifier) {
    isNotNull();
    return attestation(predicateType, verifier);
  }

  private StatementAssert attestation(String predicateType, Verifier... verifiers) {
    ImageAttestationResult result;
    try {
      result = ImageAttestationVerifier.builder().trust(verifiers).type(predicateType).build()
          .verify(actual.repository(), actual.reference());
    } catch (CountersignException e) {
      failWithMessage("%s", "\nExpecting " + actual + " to have a " + predicateType
          + " attestation, but verification failed: " + e.getMessage());
      throw new AssertionError(e);
    }
    if (!result.passed()) {
      failWithMessage("%s", ReportFailures.message(actual + " to have a " + predicateType + " attestation",
          result.report()) + "\n" + result);
    }
    return new StatementAssert(result.statements().get(0));
  }
}
