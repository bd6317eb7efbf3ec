package dev.countersign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationCheck.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Provenance in the shapes real builders emit is read with one set of checks. */
class BuilderShapesTest {
  static PolicyEvaluation evaluate(ProvenancePolicy.Builder p, String statement) {
    return PolicyEvaluationTest.evaluate(p, statement);
  }

  @Test
  void githubActionsV1() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder()
        .predicateType("https://slsa.dev/provenance/v1")
        .sourceRepository("git+https://GitHub.com/acme/web.git")
        .sourceRef("refs/tags/v*")
        .sourceCommit("9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b")
        .builderIdPrefix("https://github.com/actions/runner/")
        .buildType("https://actions.github.io/buildtypes/workflow/v1")
        .entryPoint(".github/workflows/release.yml")
        .rule("push-only", "predicate.buildDefinition.internalParameters.github.event_name == 'push'"),
        "github-actions-v1.json");
    assertTrue(e.passed(), e::toString);
    assertTrue(e.report().check("source-repository").orElseThrow().detail().orElseThrow()
        .contains("externalParameters.workflow.repository"));
  }

  @Test
  void cloudBuildV1() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder()
        .sourceRepository("https://github.com/Acme/web/")
        .sourceRef("refs/heads/main")
        .sourceCommit("1234567890abcdef1234567890abcdef12345678")
        .builderId("https://cloudbuild.googleapis.com/GoogleHostedWorker")
        .buildType("https://cloud.google.com/build/gcb-buildtypes/google-worker/v1")
        .entryPoint("cloudbuild.yaml")
        .maxAge(Duration.ofHours(24)), "cloud-build-v1.json");
    assertTrue(e.passed(), e::toString);
    assertEquals(Status.PASSED, e.report().check("max-age").orElseThrow().status());
  }

  @Test
  void slsaGithubGeneratorV02() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder()
        .predicateType("https://slsa.dev/provenance/v0.2")
        .sourceRepository("github.com/acme/web")
        .sourceRef("refs/heads/main")
        .sourceCommit("FEDCBA9876543210FEDCBA9876543210FEDCBA98")
        .builderIdPrefix("https://github.com/slsa-framework/slsa-github-generator/")
        .buildType("https://github.com/slsa-framework/slsa-github-generator/go@v1")
        .entryPoint(".github/workflows/release.yml")
        .maxAge(Duration.ofDays(30))
        .rule("go-build", "predicate.buildConfig.steps.exists(s, s.command[1] == 'build')"),
        "slsa-github-generator-v02.json");
    assertTrue(e.passed(), e::toString);
    assertTrue(e.report().check("source-commit").orElseThrow().detail().orElseThrow()
        .contains("invocation.configSource.digest.sha1"));
    assertTrue(e.report().check("max-age").orElseThrow().detail().orElseThrow().contains("buildFinishedOn"));
  }

  @Test
  void oneMismatchInEachShape() {
    ProvenancePolicy.Builder elsewhere = ProvenancePolicy.builder().sourceRepository("github.com/acme/api");
    for (String s : new String[] {"github-actions-v1.json", "cloud-build-v1.json", "slsa-github-generator-v02.json",
        "countersign-v1.json"}) {
      PolicyEvaluation e = evaluate(elsewhere, s);
      assertEquals("source-repository", PolicyEvaluationTest.only(e, "source-repository").name());
      assertTrue(e.rejectionReason().orElseThrow().startsWith(
          "build provenance mismatch: source repository expected github.com/acme/api, got github.com/"), s);
    }
  }
}
