package dev.countersign.policy;

import dev.countersign.core.Digest;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Promotion} decided and did: the digest it resolved, every check with its outcome (developer
 * signatures, each attestation, each policy rule), the writes it made (or found already made), and on rejection a
 * one-line reason such as {@code build provenance mismatch: source repository expected X, got Y}.
 */
public final class PromotionResult {
  private final Digest digest;
  private final VerificationReport report;
  private final List<String> actions;
  private final String reason;

  PromotionResult(Digest digest, VerificationReport report, List<String> actions, String reason) {
    this.digest = digest;
    this.report = Objects.requireNonNull(report, "report");
    this.actions = List.copyOf(actions);
    this.reason = reason;
  }

  /** True when the image was promoted (or had been, by an earlier run). */
  public boolean promoted() {
    return reason == null;
  }

  /** The digest the reference resolved to, when it resolved. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** Every check made, in order. */
  public VerificationReport report() {
    return report;
  }

  /** The failed checks. */
  public List<VerificationCheck> failures() {
    return report.failures();
  }

  /** What was written (or found written), e.g. {@code signed sha256:...}, {@code tagged prod}. */
  public List<String> actions() {
    return actions;
  }

  /** Why the image was rejected; empty when promoted. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  @Override
  public String toString() {
    return promoted() ? "promoted " + digest + " " + actions : "rejected: " + reason;
  }
}
