package dev.countersign.policy;

import static dev.countersign.policy.PromotionFixture.attest;
import static dev.countersign.policy.PromotionFixture.image;
import static dev.countersign.policy.PromotionFixture.newKey;
import static dev.countersign.policy.PromotionFixture.policy;
import static dev.countersign.policy.PromotionFixture.provenance;
import static dev.countersign.policy.PromotionFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Signer;
import dev.countersign.core.Verifiers;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.ProvenanceGenerator;
import dev.countersign.core.intoto.VerificationSummary;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Promotion on an OCI layout: one pass, every mismatch kind rejected with its reason and nothing written. */
class PromotionTest {
  private static final String REF = "registry.example/acme/web";
  private static final Signer DEV = newKey();
  private static final Signer DEV2 = newKey();
  private static final Signer PLATFORM = newKey();

  @TempDir
  Path dir;

  private Promotion promotion(int threshold) {
    return Promotion.builder().developerKeys(Verifiers.of(DEV), Verifiers.of(DEV2)).threshold(threshold)
        .policy(policy()).platformSigner(PLATFORM).build();
  }

  private Descriptor devImage(Repository repo, UnaryOperator<ProvenanceGenerator> change) {
    Descriptor image = image(repo, "hello");
    sign(repo, REF, image, List.of(DEV));
    attest(repo, REF, image, DEV, change.apply(provenance(Instant.now().minus(1, ChronoUnit.HOURS))));
    return image;
  }

  @Test
  void aGoodImageIsSignedAttestedAndTaggedAndARetryWritesNothing() throws IOException {
    Repository repo = OciLayout.create(dir.resolve("layout"));
    Descriptor image = devImage(repo, g -> g);
    PromotionResult r = promotion(1).promote(repo, REF, "dev", "prod");
    assertTrue(r.promoted(), r::toString);
    assertEquals(image.digest(), repo.resolve("prod").orElseThrow().digest());
    assertTrue(ImageVerifier.builder().trust(Verifiers.of(PLATFORM)).build().verify(repo, "prod").passed());
    var vsas = ImageAttestationVerifier.builder().trust(Verifiers.of(PLATFORM)).type(PredicateTypes.SLSA_VSA_V1)
        .build().verify(repo, "prod");
    assertTrue(vsas.passed(), vsas::toString);
    VerificationSummary vsa = VerificationSummary.from(vsas.statements().get(0));
    assertTrue(vsa.passed());
    assertEquals(policy().digest().hex(), vsa.policy().digest().asMap().get("sha256"));
    assertEquals(REF + "@" + image.digest(), vsa.resourceUri());
    assertEquals(1, vsa.inputAttestations().size());

    long files = countFiles();
    PromotionResult again = promotion(1).promote(repo, REF, "dev", "prod");
    assertTrue(again.promoted(), again::toString);
    assertEquals(List.of("platform signature already present", "verification summary already attached",
        "already tagged prod"), again.actions());
    assertEquals(files, countFiles(), "a retry must not write");
  }

  @Test
  void aRetryCompletesAPromotionThatStoppedAfterOneScheme() {
    Repository repo = OciLayout.create(dir.resolve("layout"));
    devImage(repo, g -> g);
    // As if a run had crashed after writing the legacy .sig/.att and the tag, before the bundle referrers.
    Promotion legacyOnly = Promotion.builder().developerKeys(Verifiers.of(DEV)).policy(policy())
        .platformSigner(PLATFORM).format(SignatureFormat.LEGACY).build();
    assertTrue(legacyOnly.promote(repo, REF, "dev", "prod").promoted());
    PromotionResult retry = promotion(1).promote(repo, REF, "dev", "prod");
    assertTrue(retry.promoted(), retry::toString);
    assertTrue(retry.actions().get(0).startsWith("signed ") && retry.actions().get(0).endsWith("(bundle)"),
        retry.actions()::toString);
    assertTrue(retry.actions().get(1).startsWith("attached verification summary"), retry.actions()::toString);
    assertTrue(ImageVerifier.builder().trust(Verifiers.of(PLATFORM)).formats(SignatureFormat.BUNDLE).build()
        .verify(repo, "prod").passed());
    assertEquals(List.of("platform signature already present", "verification summary already attached",
        "already tagged prod"), promotion(1).promote(repo, REF, "dev", "prod").actions());
  }

  static Stream<Arguments> mismatches() {
    return Stream.of(
        Arguments.of("source repository", (UnaryOperator<ProvenanceGenerator>) g -> g.source(
            "https://github.com/evil/web", PromotionFixture.REF, PromotionFixture.COMMIT), "github.com/evil/web"),
        Arguments.of("commit", (UnaryOperator<ProvenanceGenerator>) g -> g.source(PromotionFixture.REPO,
            PromotionFixture.REF, "fedcba9876543210fedcba9876543210fedcba98"), "fedcba98"),
        Arguments.of("ref", (UnaryOperator<ProvenanceGenerator>) g -> g.source(PromotionFixture.REPO,
            "refs/heads/feature", PromotionFixture.COMMIT), "refs/heads/feature"),
        Arguments.of("builder", (UnaryOperator<ProvenanceGenerator>) g -> g.builderId("https://evil.example/b"),
            "https://evil.example/b"),
        Arguments.of("build type", (UnaryOperator<ProvenanceGenerator>) g -> g.buildType("https://x.example/t"),
            "https://x.example/t"),
        Arguments.of("entry point", (UnaryOperator<ProvenanceGenerator>) g -> g.entryPoint("make hack"),
            "make hack"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mismatches")
  void everyProvenanceMismatchIsRejectedWithItsReasonAndWritesNothing(String kind,
      UnaryOperator<ProvenanceGenerator> change, String actual) throws IOException {
    Repository repo = OciLayout.create(dir.resolve("layout"));
    devImage(repo, change);
    long files = countFiles();
    PromotionResult r = promotion(1).promote(repo, REF, "dev", "prod");
    assertFalse(r.promoted(), r::toString);
    String reason = r.reason().orElseThrow();
    assertTrue(reason.startsWith("build provenance mismatch: "), reason);
    assertTrue(reason.contains(actual), reason);
    assertRegistryUnchanged(repo, files);
  }

  @Test
  void noProvenanceAttestationIsRejected() throws IOException {
    Repository repo = OciLayout.create(dir.resolve("layout"));
    Descriptor image = image(repo, "hello");
    sign(repo, REF, image, List.of(DEV));
    long files = countFiles();
    PromotionResult r = promotion(1).promote(repo, REF, "dev", "prod");
    assertTrue(r.reason().orElseThrow().startsWith("missing provenance attestation"), r::toString);
    assertRegistryUnchanged(repo, files);
  }

  @Test
  void tooFewDeveloperSignaturesAreRejectedAndTwoDistinctKeysPass() throws IOException {
    Repository repo = OciLayout.create(dir.resolve("layout"));
    Descriptor image = devImage(repo, g -> g);
    long files = countFiles();
    PromotionResult r = promotion(2).promote(repo, REF, "dev", "prod");
    assertTrue(r.reason().orElseThrow().startsWith("too few developer signatures: expected 2"), r::toString);
    assertRegistryUnchanged(repo, files);
    sign(repo, REF, image, List.of(DEV));   // the same key again does not count twice
    assertFalse(promotion(2).promote(repo, REF, "dev", "prod").promoted());
    sign(repo, REF, image, List.of(DEV2));
    // Two developers signed the image, but the provenance carries one signature: the threshold applies to both.
    PromotionResult partial = promotion(2).promote(repo, REF, "dev", "prod");
    assertTrue(partial.reason().orElseThrow().startsWith("missing provenance attestation"), partial::toString);
  }

  @Test
  void anUnsignedOrUnknownImageIsRejected() throws IOException {
    Repository repo = OciLayout.create(dir.resolve("layout"));
    image(repo, "hello");
    PromotionResult r = promotion(1).promote(repo, REF, "dev", "prod");
    assertTrue(r.reason().orElseThrow().startsWith("too few developer signatures"), r::toString);
    assertTrue(promotion(1).promote(repo, REF, "nope", "prod").reason().orElseThrow().contains("not found"));
  }

  private void assertRegistryUnchanged(Repository repo, long files) throws IOException {
    assertTrue(repo.resolve("prod").isEmpty(), "prod must not be tagged");
    assertFalse(ImageVerifier.builder().trust(Verifiers.of(PLATFORM)).build().verify(repo, "dev").passed());
    assertEquals(files, countFiles(), "a rejection must not write");
  }

  private long countFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("layout"))) {
      return s.filter(Files::isRegularFile).count() + Files.size(dir.resolve("layout").resolve("index.json"));
    }
  }
}
