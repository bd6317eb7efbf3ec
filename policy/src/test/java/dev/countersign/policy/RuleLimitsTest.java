package dev.countersign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.VerificationCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Expensive or looping CEL rules are stopped with a clear failure, never a hang or a pass. */
class RuleLimitsTest {
  /** Our statement with 2000 generated subjects. */
  static ObjectNode large() {
    ObjectNode s = Statements.tree("countersign-v1.json");
    ArrayNode subjects = s.putArray("subject");
    for (int i = 0; i < 2000; i++) {
      subjects.addObject().put("name", "file-" + i).putObject("digest").put("sha256", String.format("%064x", i));
    }
    return s;
  }

  /** The default bounds but a generous timeout, so that the bound under test is the one that stops. */
  static final RuleLimits SLOW_CLOCK = RuleLimits.of(100_000, 1_000_000, 1_000_000, Duration.ofSeconds(30));

  static VerificationCheck run(String expression, RuleLimits limits) {
    ProvenancePolicy p = ProvenancePolicy.builder().rule("expensive", expression).build();
    PolicyEvaluation e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> PolicyEvaluator.builder(p).ruleLimits(limits).build().evaluate(large(), PolicyEvaluationTest.NOW));
    assertEquals(1, e.report().failures().size(), e::toString);
    VerificationCheck c = e.report().failures().get(0);
    assertEquals("rule:expensive", c.name());
    return c;
  }

  @Test
  void nestedComprehensionsOverALargeListHitTheIterationBudget() {
    // 2000^3 = 8e9 iterations if not stopped
    VerificationCheck c = run("subject.all(a, subject.all(b, subject.all(c, a.name != '' || b.name != c.name)))",
        SLOW_CLOCK);
    assertEquals("stopped: more than 100000 comprehension iterations", c.detail().orElseThrow());
  }

  @Test
  void nestedMapsHitTheIterationBudget() {
    VerificationCheck c = run("subject.map(a, subject.map(b, a.name + b.name)).size() > 0", RuleLimits.defaults());
    assertTrue(c.detail().orElseThrow().startsWith("stopped: "), c::toString);
  }

  @Test
  void stepBudget() {
    VerificationCheck c = run("subject.all(a, subject.exists(b, b.name == a.name))",
        RuleLimits.of(10_000_000, 50_000, 1_000_000, Duration.ofSeconds(10)));
    assertEquals("stopped: more than 50000 evaluation steps", c.detail().orElseThrow());
  }

  @Test
  void timeout() {
    VerificationCheck c = run("subject.all(a, subject.all(b, a.name + b.name != ''))",
        RuleLimits.of(Integer.MAX_VALUE, Long.MAX_VALUE, 1_000_000, Duration.ofMillis(50)));
    assertEquals("stopped: evaluation took longer than 50 ms", c.detail().orElseThrow());
  }

  @Test
  void concatenationIsStoppedByTheValueSizeBound() {
    // list concatenation allocates without iterating: each + doubles the list
    VerificationCheck c = run("size(subject + subject + subject + subject) > 0",
        RuleLimits.of(10_000_000, 100_000_000, 5_000, Duration.ofSeconds(10)));
    assertTrue(c.detail().orElseThrow().startsWith("stopped: an intermediate value has"), c::toString);
  }

  @Test
  void anExceededBoundCannotBeAbsorbedByALogicalOperator() {
    RuleLimits tight = RuleLimits.of(Integer.MAX_VALUE, 10_000, 1_000_000, Duration.ofSeconds(10));
    assertEquals("stopped: more than 10000 evaluation steps",
        run("subject.all(a, subject.all(b, a != b || true)) || true", tight).detail().orElseThrow());
    assertEquals("stopped: more than 100000 comprehension iterations",
        run("subject.all(a, subject.all(b, true)) || true", SLOW_CLOCK).detail().orElseThrow());
    assertEquals("stopped: more than 100000 comprehension iterations",
        run("true && !subject.exists(a, subject.exists(b, false))", SLOW_CLOCK).detail().orElseThrow());
    // with the default limits whichever bound comes first stops it, quickly
    assertTrue(run("subject.all(a, subject.all(b, true)) || true", RuleLimits.defaults()).detail().orElseThrow()
        .startsWith("stopped: "));
  }

  @Test
  void cheapRulesPassWithinDefaults() {
    ProvenancePolicy p = ProvenancePolicy.builder()
        .rule("all-sha256", "subject.all(s, size(s.digest.sha256) == 64)").build();
    assertTrue(PolicyEvaluator.builder(p).build().evaluate(large(), PolicyEvaluationTest.NOW).passed());
  }
}
