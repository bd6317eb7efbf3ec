package dev.countersign.oci;

import dev.countersign.core.InvalidInputException;
import java.time.Duration;

/**
 * How a {@link Registry} retries idempotent requests (GET, HEAD, manifest PUT) that failed with 429, a 5xx or a
 * connection error: at most {@link #maxAttempts()} attempts, exponential backoff from {@link #initialDelay()}
 * doubling up to {@link #maxDelay()}. A {@code Retry-After} header is honoured; when it asks for longer than
 * {@link #maxDelay()} the request fails instead (with a retryable {@link RegistryException}). Immutable.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(30));
  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;

  private RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new InvalidInputException("retry attempts must be 1 to 100, got " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new InvalidInputException("retry delays must satisfy 0 <= initial <= max");
    }
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
  }

  /** 4 attempts, 250 ms initial delay, 30 s maximum delay. */
  public static RetryPolicy defaults() {
    return DEFAULT;
  }

  /** A single attempt. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  public static RetryPolicy of(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay);
  }

  /** Total attempts including the first. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  /** The backoff before attempt {@code failedAttempts + 1}: {@code initial * 2^(failedAttempts-1)}, capped. */
  public Duration backoff(int failedAttempts) {
    long ms = initialDelay.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
    return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
  }

  @Override
  public String toString() {
    return "RetryPolicy[attempts=" + maxAttempts + ", initial=" + initialDelay + ", max=" + maxDelay + "]";
  }
}
