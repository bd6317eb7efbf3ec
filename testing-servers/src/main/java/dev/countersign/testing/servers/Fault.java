package dev.countersign.testing.servers;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A failure a {@link TestRegistry} injects into the next matching requests, in the style of MockWebServer:
 *
 * <pre>{@code
 * registry.enqueue(Fault.status(429).retryAfter(1).on("PUT", "/v2/.+/manifests/.+").times(2));
 * }</pre>
 *
 * <p>{@link #status} answers without processing the request (an OCI error body, optional {@code Retry-After});
 * {@link #connectionReset} closes the connection without a response; {@link #truncatedBody} and {@link #slowBody}
 * process the request normally and then damage or throttle the response body. Immutable: every method returns a
 * new fault. By default a fault matches any method and path, once.
 */
public final class Fault {
  /** What the fault does. */
  public enum Kind { STATUS, CONNECTION_RESET, TRUNCATED_BODY, SLOW_BODY }

  private final Kind kind;
  private final int status;
  private final long retryAfterSeconds;
  private final Duration delayPerChunk;
  private final String method;
  private final Pattern path;
  private final int times;

  private Fault(Kind kind, int status, long retryAfterSeconds, Duration delayPerChunk, String method, Pattern path,
      int times) {
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.delayPerChunk = delayPerChunk;
    this.method = method;
    this.path = path;
    this.times = times;
  }

  /** Answers {@code status} (400-599) with an OCI error body ({@code TOO_MANY_REQUESTS} for 429). */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("fault status must be 400-599, got " + status);
    }
    return new Fault(Kind.STATUS, status, -1, Duration.ZERO, null, null, 1);
  }

  /** Closes the connection without sending a response. */
  public static Fault connectionReset() {
    return new Fault(Kind.CONNECTION_RESET, 0, -1, Duration.ZERO, null, null, 1);
  }

  /** Sends the real status and headers (with the full Content-Length) but only half the body, then closes. */
  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATED_BODY, 0, -1, Duration.ZERO, null, null, 1);
  }

  /** Sends the real response with the body in 1 KiB chunks, sleeping {@code delayPerChunk} before each. */
  public static Fault slowBody(Duration delayPerChunk) {
    Objects.requireNonNull(delayPerChunk, "delayPerChunk");
    if (delayPerChunk.isNegative()) {
      throw new IllegalArgumentException("delayPerChunk must not be negative");
    }
    return new Fault(Kind.SLOW_BODY, 0, -1, delayPerChunk, null, null, 1);
  }

  /** Adds {@code Retry-After: seconds} to a {@link #status} fault. */
  public Fault retryAfter(long seconds) {
    if (kind != Kind.STATUS || seconds < 0) {
      throw new IllegalArgumentException("Retry-After needs a status fault and seconds >= 0");
    }
    return new Fault(kind, status, seconds, delayPerChunk, method, path, times);
  }

  /** Matches only {@code method} (null: any) and paths fully matching the regular expression (null: any). */
  public Fault on(String method, String pathRegex) {
    return new Fault(kind, status, retryAfterSeconds, delayPerChunk, method,
        pathRegex == null ? null : Pattern.compile(pathRegex), times);
  }

  /** Applies to the next {@code n} (at least 1) matching requests. */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + n);
    }
    return new Fault(kind, status, retryAfterSeconds, delayPerChunk, method, path, n);
  }

  public Kind kind() {
    return kind;
  }

  /** The status of a {@link Kind#STATUS} fault, else 0. */
  public int status() {
    return status;
  }

  /** Retry-After seconds, or -1 when none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Duration delayPerChunk() {
    return delayPerChunk;
  }

  /** How many matching requests this fault applies to. */
  public int times() {
    return times;
  }

  /** Whether this fault applies to a request with this method and path. */
  public boolean matches(String requestMethod, String requestPath) {
    return (method == null || method.equalsIgnoreCase(requestMethod))
        && (path == null || path.matcher(requestPath).matches());
  }

  @Override
  public String toString() {
    return "Fault[" + kind + (kind == Kind.STATUS ? " " + status : "") + " on "
        + (method == null ? "*" : method) + " " + (path == null ? "*" : path.pattern()) + " x" + times + "]";
  }
}
