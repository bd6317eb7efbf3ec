package dev.countersign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
  static final String ISSUE_EXAMPLE = String.join("\n",
      "apiVersion: countersign.dev/v1",
      "kind: ProvenancePolicy",
      "predicateTypes: [https://slsa.dev/provenance/v1, https://slsa.dev/provenance/v0.2]",
      "source: {repositories: [github.com/acme/web], refs: [refs/heads/main], commits: []}   # empty = any",
      "builder: {ids: [https://ci.example.com/builders/linux@v1], idPrefixes: []}",
      "build: {types: [https://ci.example.com/buildtypes/make/v1], entryPoints: [make image]}",
      "maxAge: 720h",
      "rules:",
      "  - {name: no-dirty-tree, expression: \"!has(predicate.buildDefinition.externalParameters.dirty)\"}",
      "");

  static ProvenancePolicy parse(String text) {
    return ProvenancePolicy.parse(text.getBytes(StandardCharsets.UTF_8), "policy.yaml");
  }

  static String rejected(String text) {
    return assertThrows(InvalidInputException.class, () -> parse(text)).getMessage();
  }

  @Test
  void readsTheIssueShapeAndItAcceptsOurProvenance() {
    ProvenancePolicy p = parse(ISSUE_EXAMPLE);
    assertEquals(List.of("https://slsa.dev/provenance/v1", "https://slsa.dev/provenance/v0.2"), p.predicateTypes());
    assertEquals(List.of("github.com/acme/web"), p.sourceRepositories());
    assertEquals(List.of("refs/heads/main"), p.sourceRefs());
    assertEquals(List.of(), p.sourceCommits());
    assertEquals(List.of("make image"), p.entryPoints());
    assertEquals(Duration.ofHours(720), p.maxAge().orElseThrow());
    assertEquals("no-dirty-tree", p.rules().get(0).name());
    PolicyEvaluation e = PolicyEvaluator.builder(p).build()
        .evaluate(Statements.bytes("countersign-v1.json"), PolicyEvaluationTest.NOW);
    assertTrue(e.passed(), e::toString);
  }

  @Test
  void readsJsonAndExtraFields(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.json");
    Files.writeString(file, "{\"apiVersion\": \"countersign.dev/v1\", \"kind\": \"ProvenancePolicy\","
        + " \"metadata\": {\"name\": \"web-prod\"},"
        + " \"source\": {\"repositories\": [\"https://github.com/acme/web.git\"],"
        + " \"commits\": [\"4F1C2A9E8B7D6C5B4A3F2E1D0C9B8A7F6E5D4C3B\"], \"reachableFrom\": [\"refs/heads/main\"]},"
        + " \"requiredExternalParameters\": {\"target\": \"linux/amd64\"}, \"maxAge\": \"1h30m\"}");
    ProvenancePolicy p = ProvenancePolicy.read(file);
    assertEquals(List.of("github.com/acme/web"), p.sourceRepositories());
    assertEquals(List.of("4f1c2a9e8b7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b"), p.sourceCommits());
    assertEquals(List.of("refs/heads/main"), p.commitsReachableFrom());
    assertEquals(Map.of("target", "linux/amd64"), p.requiredExternalParameters());
    assertEquals(Duration.ofMinutes(90), p.maxAge().orElseThrow());
  }

  @Test
  void unknownFieldsAreRejectedWithTheirPath() {
    String top = rejected(ISSUE_EXAMPLE + "maxAgee: 1h\n");
    assertTrue(top.contains("policy policy.yaml: maxAgee (line 10) is not a known field"), top);
    String nested = rejected(ISSUE_EXAMPLE.replace("refs: [refs/heads/main]", "ref: [refs/heads/main]"));
    assertTrue(nested.contains("source.ref (line 4) is not a known field (allowed in source: repositories, refs,"
        + " commits, reachableFrom)"), nested);
    String rule = rejected(ISSUE_EXAMPLE.replace("{name: no-dirty-tree,", "{name: no-dirty-tree, when: x,"));
    assertTrue(rule.contains("rules[0].when (line 9) is not a known field"), rule);
  }

  @Test
  void aliasesDuplicatesAndSeveralDocumentsAreRefused() {
    String alias = rejected(ISSUE_EXAMPLE.replace("source: {repositories: [github.com/acme/web],",
        "source: {repositories: &r [github.com/acme/web], commits2: *r,"));
    assertTrue(alias.contains("anchor") || alias.contains("alias"), alias);
    String scalarAlias = rejected(ISSUE_EXAMPLE.replace("maxAge: 720h", "maxAge: &a 720h"));
    assertTrue(scalarAlias.contains("anchor"), scalarAlias);
    String dup = rejected(ISSUE_EXAMPLE + "maxAge: 1h\n");
    assertTrue(dup.contains("duplicate key maxAge"), dup);
    assertTrue(rejected(ISSUE_EXAMPLE + "---\n" + ISSUE_EXAMPLE).contains("not valid YAML"));
  }

  @Test
  void malformedFiles() {
    assertTrue(rejected("").contains("empty"));
    assertTrue(rejected("[1, 2]").contains("the document (line 1) must be a mapping"));
    assertTrue(rejected("apiVersion: countersign.dev/v2\nkind: ProvenancePolicy\n").contains("apiVersion"));
    assertTrue(rejected("apiVersion: countersign.dev/v1\n").contains("kind is missing"));
    assertTrue(rejected(ISSUE_EXAMPLE.replace("maxAge: 720h", "maxAge: 30d")).contains("maxAge (line 7)"));
    assertTrue(rejected(ISSUE_EXAMPLE.replace("commits: []", "commits: [abc]"))
        .contains("source.commits[0]"));
    assertTrue(rejected(ISSUE_EXAMPLE.replace("refs: [refs/heads/main]", "refs: refs/heads/main"))
        .contains("source.refs (line 4) must be a list"));
    assertTrue(rejected("apiVersion: [x\n").contains("not valid YAML"));
    assertTrue(rejected("apiVersion: countersign.dev/v1\nkind: ProvenancePolicy\n!!java.lang.Object x: 1\n")
        .length() > 0);
    byte[] big = new byte[(1 << 20) + 1];
    assertThrows(InvalidInputException.class, () -> ProvenancePolicy.parse(big, "big.yaml"));
    assertThrows(InvalidInputException.class, () -> ProvenancePolicy.parse(new byte[] {(byte) 0xff, 'a'}, "b"));
  }

  @Test
  void ruleCompileErrorsNameTheRule() {
    String m = rejected(ISSUE_EXAMPLE.replace("\"!has(predicate.buildDefinition.externalParameters.dirty)\"",
        "\"predicate.x +\""));
    assertTrue(m.contains("rule no-dirty-tree does not compile"), m);
    String notBool = rejected(ISSUE_EXAMPLE.replace("\"!has(predicate.buildDefinition.externalParameters.dirty)\"",
        "\"size(subject)\""));
    assertTrue(notBool.contains("rule no-dirty-tree does not compile") && notBool.contains("bool"), notBool);
    String unknownVar = assertThrows(InvalidInputException.class,
        () -> ProvenancePolicy.builder().rule("r1", "image == 'x'").build()).getMessage();
    assertTrue(unknownVar.contains("rule r1") && unknownVar.contains("image"), unknownVar);
    assertThrows(InvalidInputException.class, () -> ProvenancePolicy.builder().rule("a", "true").rule("a", "true"));
  }
}
