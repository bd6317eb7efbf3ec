package dev.countersign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.SlsaProvenance;
import dev.countersign.policy.internal.ProvenanceFacts;
import dev.countersign.policy.internal.SourceRepositories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy's field extraction agrees with core's SlsaProvenance on every builder shape (two readers, one answer). */
class CoreProvenanceAgreementTest {
  @ParameterizedTest
  @ValueSource(strings = {"countersign-v1.json", "github-actions-v1.json", "cloud-build-v1.json",
      "slsa-github-generator-v02.json"})
  void sameFacts(String name) {
    InTotoStatement statement = InTotoStatement.parse(Statements.bytes(name));
    SlsaProvenance core = SlsaProvenance.from(statement);
    ProvenanceFacts facts = ProvenanceFacts.read(statement.predicateType(), statement.predicate());
    assertEquals(SourceRepositories.normalise(core.sourceRepository().orElseThrow()),
        facts.get("repository").value(), name);
    assertEquals(core.sourceRef().orElseThrow(), facts.get("ref").value(), name);
    assertEquals(core.sourceCommit().orElseThrow(), facts.get("commit").value().toLowerCase(), name);
    assertEquals(core.entryPoint().orElseThrow(), facts.get("entryPoint").value(), name);
    assertEquals(core.builderId(), facts.get("builderId").value(), name);
    assertEquals(core.buildType(), facts.get("buildType").value(), name);
    assertTrue(PolicyEvaluator.builder(ProvenancePolicy.builder().builderId(core.builderId()).build()).build()
        .evaluate(statement, PolicyEvaluationTest.NOW).passed(), name);
  }
}
