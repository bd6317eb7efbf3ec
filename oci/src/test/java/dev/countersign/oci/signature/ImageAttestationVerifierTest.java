package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.StatementVersion;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.TestAttestations;
import dev.countersign.oci.testing.TestSigners;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Verification of attestations on images: keys, threshold, type filter, subject binding, report. */
class ImageAttestationVerifierTest {
  private static final ImageAttester ATTESTER = ImageAttester.builder().confirmDelay(Duration.ZERO).build();

  private static ImageAttestationVerifier.Builder verifier(String label) {
    return ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier(label));
  }

  @ParameterizedTest
  @EnumSource(value = SignatureFormat.class)
  void verifiesAndDecodesInEachScheme(SignatureFormat format) {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ImageAttester.builder().format(format).confirmDelay(Duration.ZERO).build().attach(repo, image,
        TestAttestations.envelope(TestSigners.p256("dev"), image.digest(), TestAttestations.SLSA1,
            "{\"buildDefinition\":{\"buildType\":\"make\"}}"));
    ImageAttestationResult r = verifier("dev").formats(format).type(TestAttestations.SLSA1).build()
        .verify(repo, "v1");
    assertTrue(r.passed(), r::toString);
    int expected = format == SignatureFormat.BOTH ? 2 : 1;
    assertEquals(expected, r.statements().size(), r::toString);
    assertEquals("make", r.statements().get(0).predicate().path("buildDefinition").path("buildType").asText());
    assertEquals(image.digest(), r.digest().orElseThrow());
    assertEquals(List.of(TestSigners.p256Verifier("dev").keyId()), r.verified().get(0).keyIds());
    VerificationReport report = r.report();
    assertTrue(report.passed(), report::toString);
    for (String name : List.of("image", "attestation", "predicate-type", "attestations")) {
      assertTrue(report.check(name).isPresent(), name + " in " + report);
    }
    VerificationReport one = r.verified().get(0).report();
    for (String name : List.of("payload-type", "signature", "threshold", "statement", "subject", "predicate-type")) {
      assertEquals(VerificationCheck.Status.PASSED, one.check(name).orElseThrow().status(), name + " in " + one);
    }
  }

  @Test
  void attestConvenienceShortcutsAndLenientSbomTypes() throws Exception {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ImageAttester attester = ImageAttester.builder().statementVersion(StatementVersion.V0_1)
        .confirmDelay(Duration.ZERO).build();
    attester.attest(repo, image, "r/app", TestSigners.p256("dev"), "slsaprovenance1",
        TestAttestations.JSON.readTree("{\"buildDefinition\":{}}"));
    attester.attest(repo, image, "r/app", TestSigners.p256("dev"), "https://cyclonedx.org/bom/v1.5",
        TestAttestations.JSON.readTree("{\"bomFormat\":\"CycloneDX\"}"));
    ImageAttestationResult slsa = verifier("dev").type("slsaprovenance1").build().verify(repo, "v1");
    assertTrue(slsa.passed(), slsa::toString);
    assertEquals(StatementVersion.V0_1, slsa.statements().get(0).version());
    assertEquals(TestAttestations.SLSA1, slsa.statements().get(0).predicateType());
    ImageAttestationResult sbom = verifier("dev").type("cyclonedx").build().verify(repo, "v1");
    assertEquals(2, sbom.statements().size(), sbom::toString);
    assertEquals("https://cyclonedx.org/bom/v1.5", sbom.statements().get(0).predicateType());
    ImageAttestationResult v02 = verifier("dev").type("slsaprovenance").build().verify(repo, "v1");
    assertFalse(v02.passed(), "slsaprovenance is v0.2 in cosign");
    assertThrows(InvalidInputException.class, () -> verifier("dev").type("no such shortcut"));
  }

  @Test
  void wrongKeyFailsWithTheReason() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ATTESTER.attach(repo, image, TestAttestations.envelope(TestSigners.p256("dev"), image.digest(),
        TestAttestations.SLSA1, "{}"));
    ImageAttestationResult r = verifier("stranger").build().verify(repo, "v1");
    assertFalse(r.passed());
    assertEquals(2, r.attestations().size());
    assertTrue(r.attestations().stream().allMatch(a -> a.status() == FoundAttestation.Status.FAILED));
    assertTrue(r.reason().orElseThrow().contains("no valid attestation"), r::toString);
    VerificationException e = assertThrows(VerificationException.class, r::orThrow);
    assertFalse(e.report().passed());
  }

  @Test
  void typeFilterSaysWhichTypesWereFound() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ATTESTER.attach(repo, image, TestAttestations.envelope(TestSigners.p256("dev"), image.digest(),
        TestAttestations.SLSA1, "{}"));
    ATTESTER.attach(repo, image, TestAttestations.envelope(TestSigners.p256("dev"), image.digest(),
        TestAttestations.CYCLONEDX, "{}"));
    ImageAttestationResult r = verifier("dev").type("https://spdx.dev/Document").build().verify(repo, "v1");
    assertFalse(r.passed());
    assertEquals(Set.of(TestAttestations.SLSA1, TestAttestations.CYCLONEDX), r.foundPredicateTypes());
    assertTrue(r.reason().orElseThrow().contains("found predicate types: " + TestAttestations.SLSA1 + ", "
        + TestAttestations.CYCLONEDX), r::toString);
    VerificationCheck type = r.report().check("predicate-type").orElseThrow();
    assertEquals("https://spdx.dev/Document", type.expected().orElseThrow());
    assertTrue(r.attestations().stream().allMatch(a -> a.status() == FoundAttestation.Status.OTHER_TYPE));

    ImageAttestationResult sbom = verifier("dev").type(TestAttestations.CYCLONEDX).build().verify(repo, "v1");
    assertTrue(sbom.passed(), sbom::toString);
    assertEquals(2, sbom.statements().size()); // legacy layer + referrer of the one SBOM
    assertTrue(sbom.statements().stream().allMatch(s -> s.predicateType().equals(TestAttestations.CYCLONEDX)));
    ImageAttestationResult any = verifier("dev").build().verify(repo, "v1");
    assertEquals(4, any.statements().size());
  }

  @Test
  void thresholdCountsDistinctTrustedKeys() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    DsseEnvelope one = TestAttestations.envelope(TestSigners.p256("a"), image.digest(), TestAttestations.SLSA1,
        "{}");
    DsseEnvelope two = one.withSignature(TestSigners.p256("b")).withSignature(TestSigners.p256("a"));
    ATTESTER.attach(repo, image, two);
    ImageAttestationVerifier.Builder both = ImageAttestationVerifier.builder()
        .trust(TestSigners.p256Verifier("a"), TestSigners.p256Verifier("b"), TestSigners.p256Verifier("c"));
    ImageAttestationResult ok = both.threshold(2).build().verify(repo, "v1");
    assertTrue(ok.passed(), ok::toString);
    assertEquals(2, ok.verified().get(0).keyIds().size());
    ImageAttestationResult three = both.threshold(3).build().verify(repo, "v1");
    assertFalse(three.passed(), three::toString);
    VerificationCheck t = three.attestations().get(0).report().check("threshold").orElseThrow();
    assertEquals("3 distinct trusted key(s)", t.expected().orElseThrow());
    assertEquals("2", t.actual().orElseThrow());
  }

  @Test
  void missingImageAndNoAttestations() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    InMemoryImages.image(repo, "v1");
    ImageAttestationResult none = verifier("dev").build().verify(repo, "v1");
    assertFalse(none.passed());
    assertTrue(none.reason().orElseThrow().startsWith("no attestations found"), none::toString);
    ImageAttestationResult missing = verifier("dev").build().verify(repo, "nope");
    assertTrue(missing.reason().orElseThrow().startsWith("nope does not exist"), missing::toString);
    assertEquals(VerificationCheck.Status.FAILED, missing.report().check("image").orElseThrow().status());
  }

  @Test
  void warmCacheSkipsTheReadsAndFailuresAreNotCached() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ATTESTER.attach(repo, image, TestAttestations.envelope(TestSigners.p256("dev"), image.digest(),
        TestAttestations.SLSA1, "{}"));
    VerificationCache cache = VerificationCache.create();
    ImageAttestationVerifier v = verifier("dev").type(TestAttestations.SLSA1).cache(cache).build();
    assertTrue(v.verify(repo, "v1").passed());
    repo.clearLog();
    ImageAttestationResult warm = v.verify(repo, "v1");
    assertTrue(warm.passed());
    assertEquals(2, warm.statements().size());
    assertTrue(warm.notes().get(warm.notes().size() - 1).startsWith("cached result"), warm::toString);
    assertEquals(1, repo.log().size(), repo.log()::toString);
    // another type is another policy: not served from the cache
    assertFalse(verifier("dev").type(TestAttestations.CYCLONEDX).cache(cache).build().verify(repo, "v1").passed());
    // a signature verifier sharing the cache does not see the attestation verdict
    ImageVerificationResult sig = ImageVerifier.builder().trust(TestSigners.p256Verifier("dev")).cache(cache)
        .build().verify(repo, "v1");
    assertFalse(sig.passed(), sig::toString);
  }
}
