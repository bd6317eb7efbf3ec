package dev.countersign.core.intoto;

import static dev.countersign.core.intoto.AttestationVectorsTest.M;
import static dev.countersign.core.intoto.AttestationVectorsTest.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keyless provenance from slsa-github-generator, GitHub artifact attestations and npm (vectors/attestations/NOTICE):
 * they parse, their fields are extracted as the builders meant them, and their signatures are reported as not
 * performed (no Sigstore trust root here), so they never pass.
 */
class KeylessProvenanceSamplesTest {
  private static final String EXAMPLE = "https://github.com/slsa-framework/example-package";

  private static AttestationVerification keyless(Bundle b, Digest subject) {
    AttestationVerifier.Builder v = AttestationVerifier.builder();
    if (subject != null) {
      v.subject(subject);
    }
    AttestationVerification r = v.build().verify(b);
    assertNotTrusted(r.report());
    return r;
  }

  private static void assertNotTrusted(VerificationReport r) {
    assertFalse(r.passed(), r.toString());
    assertEquals(Status.NOT_PERFORMED, r.check("signature").get().status(), r.toString());
    assertEquals(Status.FAILED, r.check("threshold").get().status(), r.toString());
    assertEquals(Status.PASSED, r.check("statement").get().status(), r.toString());
  }

  private static void expect(SlsaProvenance p, String builder, String type, String repo, String ref, String commit,
      String entryPoint) {
    assertEquals(builder, p.builderId());
    assertEquals(type, p.buildType());
    assertEquals(Optional.of(repo), p.sourceRepository());
    assertEquals(Optional.of(ref), p.sourceRef());
    assertEquals(Optional.of(commit), p.sourceCommit());
    assertEquals(Optional.ofNullable(entryPoint), p.entryPoint());
  }

  @Test
  void githubArtifactAttestationBundle() throws Exception {
    Digest module = Digest.sha256(vector("slsa-verifier/keyless/MODULE.bazel"));
    AttestationVerification r = keyless(Bundle.parse(vector("slsa-verifier/keyless/MODULE.bazel.intoto.jsonl")),
        module);
    assertEquals(Status.PASSED, r.report().check("subject").get().status(), "the file's digest is the subject");
    expect(SlsaProvenance.from(r.statement().get()),
        "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml@refs/tags/v0.0.1",
        "https://actions.github.io/buildtypes/workflow/v1", "https://github.com/aspect-build/rules_lint",
        "refs/heads/publish-to-bcr", "8f70009fde0c94ade6ce2a054b94718c819126ec", ".github/workflows/release.yml");
  }

  @Test
  void slsaGithubGeneratorGenericV02Envelope() throws Exception {
    DsseEnvelope env = DsseEnvelope.parse(vector(
        "slsa-verifier/keyless/gha_generic-v1.2.0-binary-linux-amd64-push-v13.0.30.intoto.jsonl"));
    AttestationVerification r = AttestationVerifier.builder().predicateType("slsaprovenance")
        .subject(Digest.parse("sha256:d1faeb68e9bf4b3790bb08cc39fd2afb68ee37371c8b9f705e2e68f449b56240")).build()
        .inspect(env);
    assertNotTrusted(r.report());
    assertEquals(Status.PASSED, r.report().check("subject").get().status());
    assertEquals(StatementVersion.V0_1, r.statement().get().version());
    expect(SlsaProvenance.from(r.statement().get()),
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml"
            + "@refs/tags/v1.2.0", "https://github.com/slsa-framework/slsa-github-generator@v1", EXAMPLE,
        "refs/tags/v13.0.30", "67f34fa5b9e346c678fda315742fb51b449eedca",
        ".github/workflows/verifier-e2e.generic.tag.main.noassets.slsa3.yml");
  }

  @Test
  void slsaGithubGeneratorContainerBasedV1Bundle() throws Exception {
    AttestationVerification r = keyless(Bundle.parse(vector(
        "slsa-verifier/keyless/gha_container-based-v1.10.0-binary-linux-amd64-push-v13.0.30.intoto.build.slsa")),
        null);
    expect(SlsaProvenance.from(r.statement().get()),
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_container-based_slsa3.yml"
            + "@refs/tags/v1.10.0", "https://slsa.dev/container-based-build/v0.1?draft", EXAMPLE,
        "refs/tags/v13.0.30", "d37a7f740ee7404914456f24dcd90e865a0509e8",
        ".github/configs-docker/config-tag-v13.0.30.toml");
  }

  @Test
  void slsaGithubGeneratorMavenDelegatorV1Bundle() throws Exception {
    AttestationVerification r = keyless(Bundle.parse(vector(
        "slsa-verifier/keyless/gha_maven-v1.10.0-binary-linux-amd64-push-v14.2.build.slsa")), null);
    expect(SlsaProvenance.from(r.statement().get()),
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_maven_slsa3.yml"
            + "@refs/tags/v1.10.0", "https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0",
        EXAMPLE, "refs/tags/v14.2", "d37a7f740ee7404914456f24dcd90e865a0509e8", null);
  }

  private static Bundle npm(String file) throws Exception {
    JsonNode atts = M.readTree(Files.readAllBytes(vector("slsa-verifier/keyless/" + file))).get("attestations");
    for (JsonNode a : atts) {
      if (a.get("predicateType").asText().startsWith("https://slsa.dev/provenance/")) {
        return Bundle.parse(M.writeValueAsString(a.get("bundle")));
      }
    }
    throw new AssertionError("no provenance in " + file);
  }

  @Test
  void npmProvenanceV1() throws Exception {
    AttestationVerification r = keyless(npm("npm-provenance-npm-test-cli-v1-prega.tgz.json"), null);
    expect(SlsaProvenance.from(r.statement().get()), "https://github.com/actions/runner/github-hosted",
        "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
        "https://github.com/sigstore/sigstore-js", "refs/heads/main", "46e7056ff9912ebfee5298d94024895a9fea76c0",
        ".github/workflows/release.yml");
  }

  @Test
  void npmProvenanceV02() throws Exception {
    AttestationVerification r = keyless(npm("npm-supreme-googles-cli-v02-tag.tgz.json"), null);
    SlsaProvenance p = SlsaProvenance.from(r.statement().get());
    expect(p, "https://github.com/actions/runner", "https://github.com/npm/cli/gha/v2",
        "https://github.com/trishankatdatadog/supreme-goggles", "refs/tags/v1.0.5",
        "38ebf99444e033b2f1550c9aaaeacd62d02a12ba", ".github/workflows/npm-publish.yml");
    assertEquals("4994975790", p.internalParameters().get("GITHUB_RUN_ID").asText());
    assertTrue(p.externalParameters().isObject());
  }
}
