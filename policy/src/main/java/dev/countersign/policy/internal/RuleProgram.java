package dev.countersign.policy.internal;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.countersign.core.VerificationCheck;
import dev.countersign.policy.PolicyRule;
import dev.countersign.policy.RuleLimits;
import java.util.Collection;
import java.util.Map;

/**
 * One compiled rule ready to run under {@link RuleLimits}. CEL's comprehension iteration budget bounds loops;
 * an evaluation listener, called after every sub-expression, counts steps, checks the deadline and the size of
 * each intermediate value, and aborts the evaluation when a bound is exceeded. The result is a check named
 * {@code rule:<name>}: passed when the expression is {@code true}, failed otherwise (false, an evaluation error
 * such as a missing field, or an exceeded bound, each with its reason).
 */
public final class RuleProgram {
  private final PolicyRule rule;
  private final CelRuntime.Program program;
  private final RuleLimits limits;

  RuleProgram(PolicyRule rule, CelRuntime.Program program, RuleLimits limits) {
    this.rule = rule;
    this.program = program;
    this.limits = limits;
  }

  public PolicyRule rule() {
    return rule;
  }

  /** Evaluates the rule over {@code variables} (see {@link CelRules#VARIABLES}). */
  public VerificationCheck evaluate(Map<String, ?> variables) {
    String name = "rule:" + rule.name();
    Budget budget = new Budget(limits);
    Object result;
    try {
      result = program.trace(variables, budget);
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
      LimitExceeded limit = limitIn(e);
      if (limit != null) {
        return VerificationCheck.failed(name, "true", null, "stopped: " + limit.getMessage());
      }
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

  /** Raised from the listener to abort an evaluation. */
  static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Budget implements CelEvaluationListener {
    private final RuleLimits limits;
    private final long deadline;
    private long steps;

    Budget(RuleLimits limits) {
      this.limits = limits;
      this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    @Override
    public void callback(CelExpr expr, Object value) {
      if (++steps > limits.maxSteps()) {
        throw new LimitExceeded("more than " + limits.maxSteps() + " evaluation steps");
      }
      if ((steps & 0xff) == 0 && System.nanoTime() - deadline > 0) {
        throw new LimitExceeded("evaluation took longer than " + limits.timeout().toMillis() + " ms");
      }
      long size = size(value);
      if (size > limits.maxValueSize()) {
        throw new LimitExceeded("an intermediate value has " + size + " elements or characters (limit "
            + limits.maxValueSize() + ")");
      }
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
