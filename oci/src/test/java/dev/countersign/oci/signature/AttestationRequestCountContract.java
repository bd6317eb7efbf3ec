package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.TestAttestations;
import dev.countersign.oci.testing.TestImages;
import dev.countersign.oci.testing.TestSigners;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP requests of attestation verification and of a repeated attach, counted by the client, so that a regression
 * in request economy fails: against the real docker-registry (anonymous, no referrers API:
 * {@link AttestationRequestCountTest}) and TestRegistry (with the API: {@link TestRegistryAttestationRequestCountTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttestationRequestCountContract {
  private static final String REPO = "attcounts/app";
  private Descriptor image;

  /** The registry under test, anonymous. */
  abstract ContractRegistry target();

  @BeforeAll
  void attestedImage() {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(target().reference(REPO));
      image = repo.putManifest(TestImages.pushImageBlobs(repo), "v1");
      ImageAttester.builder().confirmDelay(Duration.ZERO).build().attach(repo, image, TestAttestations.envelope(
          TestSigners.p256("counts"), image.digest(), TestAttestations.SLSA1, "{}"));
    }
  }

  private static Registry client() {
    return Registry.builder().credentials(CredentialsProvider.anonymous()).build();
  }

  /**
   * Cold, fresh client: LEGACY = HEAD tag, GET .att, GET envelope blob. BUNDLE = HEAD tag, GET referrers (404),
   * GET the fallback index, GET the referrer (read by the fallback listing, then served from the content cache),
   * GET the bundle blob; with the referrers API the fallback index is not read (one request less). With a
   * verification cache, a warm verification is the tag HEAD only.
   */
  @ParameterizedTest
  @CsvSource({"LEGACY, 3, 3", "BUNDLE, 5, 4", "BOTH, 7, 6"})
  void coldAndWarm(SignatureFormat format, long coldNoApi, long coldApi) {
    long cold = target().count(coldNoApi, coldApi);
    ImageAttestationVerifier v = ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier("counts"))
        .type(TestAttestations.SLSA1).formats(format).cache(VerificationCache.create()).build();
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(target().reference(REPO));
      long before = registry.requestCount();
      ImageAttestationResult r = v.verify(repo, "v1");
      assertTrue(r.passed(), r::toString);
      assertEquals(cold, registry.requestCount() - before, "cold " + format);
      before = registry.requestCount();
      assertTrue(v.verify(repo, "v1").passed());
      assertEquals(1, registry.requestCount() - before, "warm " + format);
    }
  }

  @Test
  void attachingTheSameEnvelopeAgainWritesNothing() {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(target().reference("attcounts/again"));
      Descriptor image = repo.putManifest(TestImages.pushImageBlobs(repo), "v1");
      DsseEnvelope env = TestAttestations.envelope(TestSigners.p256("counts"), image.digest(),
          TestAttestations.CYCLONEDX, "{}");
      ImageAttester attester = ImageAttester.builder().confirmDelay(Duration.ZERO).build();
      attester.attach(repo, image, env);
      long before = registry.requestCount();
      attester.attach(repo, image, env);
      long again = registry.requestCount() - before;
      // reads only: GET .att (our layer is there: done); the referrers listing (the API probe is remembered from the
      // first attach, so GET the fallback index; the listed referrer comes from the content cache) to find our
      // bundle layer, and the listing once more to confirm it is listed. No blob or manifest is written. With the
      // referrers API: HEAD the envelope blob, GET .att, GET referrers, GET the listed referrer manifest (the API
      // listing did not read it, and a pushed manifest is not put in the content cache), GET referrers again.
      assertEquals(target().count(4, 5), again, "re-attach requests");
      ImageAttestationResult r = ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier("counts"))
          .build().verify(repo, "v1");
      assertEquals(2, r.statements().size(), r::toString); // one layer and one referrer, not duplicated
    }
  }
}
