package dev.countersign.policy;

import dev.countersign.core.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on evaluating one CEL rule, so that a rule cannot hang or exhaust memory: comprehension iterations
 * (summed over all {@code all/exists/map/filter} macros of one evaluation, nested ones included), evaluation steps
 * (sub-expressions evaluated), the size of any intermediate list, map or string, and wall time. A rule that exceeds
 * a bound fails with the bound named; it never passes. Defaults: 100 000 iterations, 1 000 000 steps, 1 000 000
 * elements or characters, 1 second. The value-size bound also applies to values read from the statement.
 */
public final class RuleLimits {
  private static final RuleLimits DEFAULTS = new RuleLimits(100_000, 1_000_000, 1_000_000, Duration.ofSeconds(1));

  private final int maxIterations;
  private final long maxSteps;
  private final int maxValueSize;
  private final Duration timeout;

  private RuleLimits(int maxIterations, long maxSteps, int maxValueSize, Duration timeout) {
    this.maxIterations = maxIterations;
    this.maxSteps = maxSteps;
    this.maxValueSize = maxValueSize;
    this.timeout = timeout;
  }

  public static RuleLimits defaults() {
    return DEFAULTS;
  }

  /** Limits with every bound given; each must be positive. */
  public static RuleLimits of(int maxIterations, long maxSteps, int maxValueSize, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (maxIterations <= 0 || maxSteps <= 0 || maxValueSize <= 0 || timeout.isZero() || timeout.isNegative()) {
      throw new InvalidInputException("rule limits must be positive: iterations " + maxIterations + ", steps "
          + maxSteps + ", value size " + maxValueSize + ", timeout " + timeout);
    }
    return new RuleLimits(maxIterations, maxSteps, maxValueSize, timeout);
  }

  public int maxIterations() {
    return maxIterations;
  }

  public long maxSteps() {
    return maxSteps;
  }

  public int maxValueSize() {
    return maxValueSize;
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RuleLimits)) {
      return false;
    }
    RuleLimits r = (RuleLimits) o;
    return maxIterations == r.maxIterations && maxSteps == r.maxSteps && maxValueSize == r.maxValueSize
        && timeout.equals(r.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxIterations, maxSteps, maxValueSize, timeout);
  }

  @Override
  public String toString() {
    return "RuleLimits{iterations=" + maxIterations + ", steps=" + maxSteps + ", valueSize=" + maxValueSize
        + ", timeout=" + timeout + "}";
  }
}
