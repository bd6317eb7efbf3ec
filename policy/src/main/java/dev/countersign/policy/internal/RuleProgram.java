package dev.countersign.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.countersign.core.VerificationCheck;
import dev.countersign.policy.PolicyRule;
import dev.countersign.policy.RuleLimits;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One compiled rule ready to run under {@link RuleLimits}. An evaluation listener, called after every
 * sub-expression, counts steps and comprehension iterations (evaluations of a comprehension's loop step), checks
 * the deadline and the size of each intermediate value, and aborts the evaluation when a bound is exceeded; the
 * bound stays exceeded, so the rule fails even if CEL absorbed the abort into a logical operator. (CEL's own
 * iteration budget is not relied on: its error is absorbed by {@code ||}, so {@code <expensive> || true} would
 * pass; it is set above ours as a backstop only.) The result is a check named
 * {@code rule:<name>}: passed when the expression is {@code true}, failed otherwise (false, an evaluation error
 * such as a missing field, or an exceeded bound, each with its reason).
 */
public final class RuleProgram {
  private final PolicyRule rule;
  private final CelRuntime.Program program;
  private final RuleLimits limits;
  private final Set<Long> loopSteps;

  RuleProgram(PolicyRule rule, CelAbstractSyntaxTree ast, CelRuntime.Program program, RuleLimits limits) {
    this.rule = rule;
    this.program = program;
    this.limits = limits;
    this.loopSteps = CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .map(CelNavigableExpr::expr)
        .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION)
        .map(e -> e.comprehension().loopStep().id())
        .collect(Collectors.toUnmodifiableSet());
  }

  public PolicyRule rule() {
    return rule;
  }

  /** Evaluates the rule over {@code variables} (see {@link CelRules#VARIABLES}). */
  public VerificationCheck evaluate(Map<String, ?> variables) {
    String name = "rule:" + rule.name();
    Budget budget = new Budget(limits, loopSteps);
    Object result;
    try {
      result = program.trace(variables, budget);
      if (budget.exceeded != null) {
        throw budget.exceeded;
      }
    } catch (LimitExceeded e) {
      return VerificationCheck.failed(name, "true", null, "stopped: " + e.getMessage());
    } catch (CelEvaluationException e) {
      LimitExceeded limit = limitIn(e);
      if (limit != null) {
        return VerificationCheck.failed(name, "true", null, "stopped: " + limit.getMessage());
      }
      String msg = CelRules.oneLine(e.getMessage());
      if (msg.contains("Iteration budget exceeded")) {
        return VerificationCheck.failed(name, "true", null, "stopped: more than " + limits.maxIterations()
            + " comprehension iterations");
      }
      return VerificationCheck.failed(name, "true", "error", "evaluation error: " + msg);
    } catch (RuntimeException e) {
      return VerificationCheck.failed(name, "true", "error", "evaluation error: " + e);
    } catch (StackOverflowError e) {
      return VerificationCheck.failed(name, "true", null, "stopped: expression nested too deeply");
    }
    if (Boolean.TRUE.equals(result)) {
      return VerificationCheck.passed(name, rule.expression());
    }
    return VerificationCheck.failed(name, "true", String.valueOf(result), rule.expression());
  }

  private static LimitExceeded limitIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LimitExceeded) {
        return (LimitExceeded) t;
      }
    }
    return null;
  }

  /**
   * Raised from the listener to abort an evaluation. An {@link Error}, not an exception: CEL's logical operators
   * absorb exceptions raised while evaluating an operand ({@code <error> || true} is {@code true}), which would
   * both let a rule pass after exceeding a bound and keep the evaluation running.
   */
  static final class LimitExceeded extends Error {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Budget implements CelEvaluationListener {
    private final RuleLimits limits;
    private final Set<Long> loopSteps;
    private final long deadline;
    private long steps;
    private long iterations;
    private LimitExceeded exceeded;

    Budget(RuleLimits limits, Set<Long> loopSteps) {
      this.limits = limits;
      this.loopSteps = loopSteps;
      this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    @Override
    public void callback(CelExpr expr, Object value) {
      if (exceeded != null) {
        throw exceeded;
      }
      if (++steps > limits.maxSteps()) {
        stop("more than " + limits.maxSteps() + " evaluation steps");
      }
      if (loopSteps.contains(expr.id()) && ++iterations > limits.maxIterations()) {
        stop("more than " + limits.maxIterations() + " comprehension iterations");
      }
      if ((steps & 0xff) == 0 && System.nanoTime() - deadline > 0) {
        stop("evaluation took longer than " + limits.timeout().toMillis() + " ms");
      }
      long size = size(value);
      if (size > limits.maxValueSize()) {
        stop("an intermediate value has " + size + " elements or characters (limit " + limits.maxValueSize() + ")");
      }
    }

    private void stop(String why) {
      exceeded = new LimitExceeded(why);
      throw exceeded;
    }

    private static long size(Object value) {
      if (value instanceof Collection) {
        return ((Collection<?>) value).size();
      }
      if (value instanceof Map) {
        return ((Map<?, ?>) value).size();
      }
      if (value instanceof CharSequence) {
        return ((CharSequence) value).length();
      }
      return 0;
    }
  }
}
