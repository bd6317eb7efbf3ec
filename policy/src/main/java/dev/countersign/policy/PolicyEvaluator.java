package dev.countersign.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.policy.internal.CelValues;
import dev.countersign.policy.internal.ProvenanceChecks;
import dev.countersign.policy.internal.ProvenanceFacts;
import dev.countersign.policy.internal.RuleProgram;
import dev.countersign.policy.internal.StatementJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a {@link ProvenancePolicy} against in-toto statements. Immutable and thread-safe; the policy's CEL
 * rules are compiled once, so reuse one evaluator for many statements. Evaluation never touches the network:
 * commit reachability is answered by the caller's {@link CommitGraph}, and a policy that requires it without one
 * fails the {@code source-commit-reachable} check.
 *
 * <pre>{@code
 * PolicyEvaluator evaluator = PolicyEvaluator.builder(ProvenancePolicy.read(Path.of("policy.yaml"))).build();
 * PolicyEvaluation result = evaluator.evaluate(statementJson, Instant.now());
 * if (!result.passed()) throw new IllegalStateException(result.rejectionReason().orElseThrow());
 * }</pre>
 */
public final class PolicyEvaluator {
  private final ProvenancePolicy policy;
  private final CommitGraph commitGraph;
  private final List<RuleProgram> programs;

  private PolicyEvaluator(Builder b) {
    this.policy = b.policy;
    this.commitGraph = b.commitGraph;
    this.programs = policy.compiledRules().programs(b.limits);
  }

  public static Builder builder(ProvenancePolicy policy) {
    return new Builder(policy);
  }

  public ProvenancePolicy policy() {
    return policy;
  }

  /** Evaluates a parsed statement (its JSON, unknown fields included, is what CEL rules see). */
  public PolicyEvaluation evaluate(InTotoStatement statement, Instant now) {
    return evaluate(StatementJson.parse(Objects.requireNonNull(statement, "statement").toJson()), now);
  }

  /** Evaluates a statement given as JSON bytes (at most 16 MiB, strict: no duplicate keys). */
  public PolicyEvaluation evaluate(byte[] statementJson, Instant now) {
    return evaluate(StatementJson.parse(statementJson), now);
  }

  /** Evaluates a statement given as a JSON tree; {@code now} is the time the maximum age is measured to. */
  public PolicyEvaluation evaluate(JsonNode statement, Instant now) {
    StatementJson.check(statement);
    Objects.requireNonNull(now, "now");
    String predicateType = statement.get("predicateType").textValue();
    JsonNode predicate = statement.path("predicate");
    VerificationReport.Builder report = VerificationReport.builder("in-toto statement (" + predicateType + ")");
    List<String> types = policy.predicateTypes();
    report.add(types.isEmpty() ? VerificationCheck.notPerformed("predicate-type", "the policy allows any type")
        : types.stream().anyMatch(t -> PredicateTypes.matches(t, predicateType))
            ? VerificationCheck.passed("predicate-type", predicateType)
        : VerificationCheck.failed("predicate-type", ProvenanceChecks.expected(types), predicateType, null));
    typedChecks(report, predicateType, ProvenanceFacts.read(predicateType, predicate), now);
    if (!programs.isEmpty()) {
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("statement", CelValues.of(statement));
      vars.put("predicate", predicate.isObject() ? CelValues.of(predicate) : Map.of());
      vars.put("predicateType", predicateType);
      vars.put("subject", CelValues.of(statement.get("subject")));
      for (RuleProgram p : programs) {
        report.add(p.evaluate(vars));
      }
    }
    return new PolicyEvaluation(report.build());
  }

  private void typedChecks(VerificationReport.Builder report, String predicateType, ProvenanceFacts facts,
      Instant now) {
    ProvenancePolicy p = policy;
    List<VerificationCheck> checks = new ArrayList<>();
    checks.add(ProvenanceChecks.fact("source-repository", "source repository", facts, "repository",
        p.sourceRepositories(), p.sourceRepositories()::contains));
    checks.add(ProvenanceChecks.fact("source-ref", "source ref", facts, "ref", p.sourceRefs(),
        ref -> p.refPatterns().stream().anyMatch(r -> r.matches(ref))));
    checks.add(ProvenanceChecks.fact("source-commit", "source commit", facts, "commit", p.sourceCommits(),
        c -> ProvenanceChecks.commitMatches(c, p.sourceCommits())));
    checks.add(reachable(facts));
    checks.add(ProvenanceChecks.fact("builder-id", "builder id", facts, "builderId", builderIds(),
        id -> p.builderIds().contains(id) || p.builderIdPrefixes().stream().anyMatch(id::startsWith)));
    checks.add(ProvenanceChecks.fact("build-type", "build type", facts, "buildType", p.buildTypes(),
        p.buildTypes()::contains));
    checks.add(ProvenanceChecks.fact("entry-point", "entry point", facts, "entryPoint", p.entryPoints(),
        p.entryPoints()::contains));
    p.requiredExternalParameters().forEach((name, value) ->
        checks.add(ProvenanceChecks.externalParameter(name, value, facts)));
    checks.add(ProvenanceChecks.maxAge(p.maxAge().orElse(null), facts, now));
    boolean provenance = ProvenanceFacts.isProvenance(predicateType);
    for (VerificationCheck c : checks) {
      report.add(provenance || c.status() == VerificationCheck.Status.NOT_PERFORMED ? c
          : ProvenanceChecks.notProvenance(c.name(), predicateType));
    }
  }

  private List<String> builderIds() {
    List<String> all = new ArrayList<>(policy.builderIds());
    policy.builderIdPrefixes().forEach(prefix -> all.add(prefix + "*"));
    return all;
  }

  private VerificationCheck reachable(ProvenanceFacts facts) {
    String check = "source-commit-reachable";
    List<String> refs = policy.commitsReachableFrom();
    if (refs.isEmpty()) {
      return VerificationCheck.notPerformed(check, "the policy requires no reachability");
    }
    ProvenanceFacts.Fact commit = facts.get("commit");
    ProvenanceFacts.Fact repo = facts.get("repository");
    if (commit == null || repo == null) {
      return VerificationCheck.failed(check, ProvenanceChecks.expected(refs), "absent",
          "the provenance does not record the source " + (commit == null ? "commit" : "repository"));
    }
    if (commitGraph == null) {
      return VerificationCheck.failed(check, ProvenanceChecks.expected(refs), null,
          "no CommitGraph was given to answer whether " + commit.value() + " is reachable");
    }
    for (String ref : refs) {
      if (commitGraph.isReachable(repo.value(), commit.value(), ref)) {
        return VerificationCheck.passed(check, commit.value() + " is reachable from " + ref);
      }
    }
    return VerificationCheck.failed(check, ProvenanceChecks.expected(refs), commit.value() + " not reachable",
        "in " + repo.value());
  }

  /** Configures an evaluator. */
  public static final class Builder {
    private final ProvenancePolicy policy;
    private CommitGraph commitGraph;
    private RuleLimits limits = RuleLimits.defaults();

    private Builder(ProvenancePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Answers "is the commit reachable from ref" for {@link ProvenancePolicy#commitsReachableFrom()}. */
    public Builder commitGraph(CommitGraph graph) {
      this.commitGraph = Objects.requireNonNull(graph, "commitGraph");
      return this;
    }

    /** Bounds on each CEL rule's evaluation; {@link RuleLimits#defaults()} unless set. */
    public Builder ruleLimits(RuleLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public PolicyEvaluator build() {
      return new PolicyEvaluator(this);
    }
  }
}
