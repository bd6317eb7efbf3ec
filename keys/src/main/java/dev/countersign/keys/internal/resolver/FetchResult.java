package dev.countersign.keys.internal.resolver;

import java.util.Objects;

/**
 * The outcome of one GET from the key CDN: the body, {@code unreachable} (connection failure, timeout before the
 * response, HTTP 5xx: the only outcomes that may fall back to the cache) or {@code failed} with the rule named
 * (HTTP 4xx and 3xx, wrong content type, too large, truncated body).
 */
public final class FetchResult {
  /** What happened. */
  public enum Kind { OK, UNREACHABLE, FAILED }

  private final Kind kind;
  private final byte[] body;
  private final String rule;
  private final String detail;

  private FetchResult(Kind kind, byte[] body, String rule, String detail) {
    this.kind = kind;
    this.body = body;
    this.rule = rule;
    this.detail = detail;
  }

  static FetchResult ok(byte[] body) {
    return new FetchResult(Kind.OK, Objects.requireNonNull(body), null, null);
  }

  static FetchResult unreachable(String detail) {
    return new FetchResult(Kind.UNREACHABLE, null, "cdn-unreachable", detail);
  }

  static FetchResult failed(String rule, String detail) {
    return new FetchResult(Kind.FAILED, null, rule, detail);
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
}
