package dev.countersign.keys.internal.resolver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one read of a manifest file: the body (with the response's {@code ETag} and {@code Cache-Control}
 * freshness when served over HTTP), {@code notModified} (HTTP 304 to {@code If-None-Match}), {@code unreachable}
 * (connection failure, timeout before the response, HTTP 5xx: the only outcomes that may fall back to the cache)
 * or {@code failed} with the rule named (HTTP 4xx and other 3xx, wrong content type, too large, truncated body,
 * a missing file in a directory).
 */
public final class FetchResult {
  /** What happened. */
  public enum Kind { OK, NOT_MODIFIED, UNREACHABLE, FAILED }

  private final Kind kind;
  private final byte[] body;
  private final String rule;
  private final String detail;
  private final String etag;
  private final Duration maxAge;

  private FetchResult(Kind kind, byte[] body, String rule, String detail, String etag, Duration maxAge) {
    this.kind = kind;
    this.body = body;
    this.rule = rule;
    this.detail = detail;
    this.etag = etag;
    this.maxAge = maxAge;
  }

  static FetchResult ok(byte[] body) {
    return ok(body, null, null);
  }

  static FetchResult ok(byte[] body, String etag, Duration maxAge) {
    return new FetchResult(Kind.OK, Objects.requireNonNull(body), null, null, etag, maxAge);
  }

  static FetchResult notModified(Duration maxAge) {
    return new FetchResult(Kind.NOT_MODIFIED, null, null, "HTTP 304 Not Modified", null, maxAge);
  }

  static FetchResult unreachable(String detail) {
    return new FetchResult(Kind.UNREACHABLE, null, "cdn-unreachable", detail, null, null);
  }

  static FetchResult failed(String rule, String detail) {
    return new FetchResult(Kind.FAILED, null, rule, detail, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The body; only for {@link Kind#OK}. */
  public byte[] body() {
    return body;
  }

  public String rule() {
    return rule;
  }

  public String detail() {
    return detail;
  }

  /** The response's {@code ETag}, when it sent one. */
  public Optional<String> etag() {
    return Optional.ofNullable(etag);
  }

  /**
   * The freshness the response's {@code Cache-Control} grants ({@code max-age}; zero for {@code no-cache},
   * {@code no-store} or {@code must-revalidate} without max-age); empty when it says nothing.
   */
  public Optional<Duration> maxAge() {
    return Optional.ofNullable(maxAge);
  }
}
