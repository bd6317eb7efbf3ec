package dev.countersign.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.countersign.core.InvalidInputException;
import dev.countersign.policy.PolicyRule;
import dev.countersign.policy.RuleLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The CEL rules of a policy, each compiled once (parsed and type-checked against the declared variables, result
 * type {@code bool}). The environment is CEL's standard library and macros ({@code has, all, exists, exists_one,
 * map, filter}) and nothing else: no extension that can allocate a large value in one call (such as
 * {@code lists.range} or {@code strings.replace}), so that {@link RuleProgram}'s per-step checks bound memory.
 */
public final class CelRules {
  /** Variable names a rule may use. */
  public static final List<String> VARIABLES = List.of("statement", "predicate", "predicateType", "subject");

  private static final CelOptions COMPILE_OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true)
      .maxExpressionCodePointSize(8192)
      .maxParseRecursionDepth(64)
      .build();
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setOptions(COMPILE_OPTIONS)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("statement", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("predicate", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("predicateType", SimpleType.STRING)
      .addVar("subject", ListType.create(SimpleType.DYN))
      .setResultType(SimpleType.BOOL)
      .build();

  private final List<PolicyRule> rules;
  private final List<CelAbstractSyntaxTree> asts;

  private CelRules(List<PolicyRule> rules, List<CelAbstractSyntaxTree> asts) {
    this.rules = List.copyOf(rules);
    this.asts = List.copyOf(asts);
  }

  /** Compiles every rule; the first that does not compile is an InvalidInputException naming it. */
  public static CelRules compile(List<PolicyRule> rules) {
    List<CelAbstractSyntaxTree> asts = new ArrayList<>();
    for (PolicyRule rule : rules) {
      CelValidationResult result = COMPILER.compile(rule.expression());
      if (result.hasError()) {
        throw new InvalidInputException("rule " + rule.name() + " does not compile: " + oneLine(result
            .getErrorString()));
      }
      try {
        asts.add(result.getAst());
      } catch (CelValidationException e) {
        throw new InvalidInputException("rule " + rule.name() + " does not compile: " + oneLine(e.getMessage()), e);
      }
    }
    return new CelRules(rules, asts);
  }

  public List<PolicyRule> rules() {
    return rules;
  }

  /** Programs for these rules under {@code limits} (cheap: the ASTs are already checked). */
  public List<RuleProgram> programs(RuleLimits limits) {
    CelOptions options = CelOptions.current()
        .enableHeterogeneousNumericComparisons(true)
        .comprehensionMaxIterations(limits.maxIterations() > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE
            : limits.maxIterations() * 2)
        .maxRegexProgramSize(1000)
        .build();
    CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
    List<RuleProgram> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      try {
        out.add(new RuleProgram(rules.get(i), asts.get(i), runtime.createProgram(asts.get(i)), limits));
      } catch (CelEvaluationException e) {
        throw new InvalidInputException("rule " + rules.get(i).name() + " cannot be planned: "
            + oneLine(e.getMessage()), e);
      }
    }
    return out;
  }

  static String oneLine(String message) {
    String m = String.valueOf(message);
    List<String> kept = new ArrayList<>();
    for (String line : m.split("\n")) {
      if (!line.startsWith(" |")) {
        kept.add(line.strip());
      }
    }
    return String.join("; ", kept);
  }
}
