package dev.countersign.keys;

import dev.countersign.core.KeyId;
import java.util.Objects;

/**
 * Why one manifest key was or was not offered for a query: the key, whether it was accepted, the rule that decided
 * ({@code active-in-window}, {@code retired-in-window}, {@code signed-before-revocation}, {@code retired-no-time},
 * {@code active-no-time}, {@code revoked}, {@code revoked-no-time}, {@code not-yet-valid}, {@code window-ended},
 * {@code retired-no-time-refused}, {@code pgp-not-here}) and a human-readable detail.
 */
public final class KeyDecision {
  private final KeyId keyId;
  private final KeyStatus status;
  private final boolean accepted;
  private final String rule;
  private final String detail;

  private KeyDecision(KeyId keyId, KeyStatus status, boolean accepted, String rule, String detail) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.status = Objects.requireNonNull(status, "status");
    this.accepted = accepted;
    this.rule = Objects.requireNonNull(rule, "rule");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public static KeyDecision accepted(ManifestKey key, String rule, String detail) {
    return new KeyDecision(key.keyId(), key.status(), true, rule, detail);
  }

  public static KeyDecision refused(ManifestKey key, String rule, String detail) {
    return new KeyDecision(key.keyId(), key.status(), false, rule, detail);
  }

  public KeyId keyId() {
    return keyId;
  }

  public KeyStatus status() {
    return status;
  }

  public boolean accepted() {
    return accepted;
  }

  public String rule() {
    return rule;
  }

  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return keyId + " (" + status.id() + "): " + (accepted ? "accepted" : "refused") + " by " + rule + ": " + detail;
  }
}
