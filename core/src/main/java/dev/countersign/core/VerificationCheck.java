package dev.countersign.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One check that a verification performed (or deliberately did not perform), e.g. {@code signature},
 * {@code artifact-digest}, {@code key-id}, {@code transparency-log}. A failed check carries what was expected and
 * what was found.
 */
public final class VerificationCheck {
  /** Outcome of a check. */
  public enum Status {
    /** The check ran and passed. */
    PASSED,
    /** The check ran and failed; the verification as a whole fails. */
    FAILED,
    /** The check was not performed (e.g. no trusted root for a transparency-log entry); never counts as passed. */
    NOT_PERFORMED
  }

  private final String name;
  private final Status status;
  private final String expected;
  private final String actual;
  private final String detail;

  private VerificationCheck(String name, Status status, String expected, String actual, String detail) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("check name must not be blank");
    }
    this.name = name;
    this.status = Objects.requireNonNull(status, "status");
    this.expected = expected;
    this.actual = actual;
    this.detail = detail;
  }

  /** A passed check; {@code detail} says what was established (may be null). */
  public static VerificationCheck passed(String name, String detail) {
    return new VerificationCheck(name, Status.PASSED, null, null, detail);
  }

  /** A failed check with what was expected and what was found (either may be null when meaningless). */
  public static VerificationCheck failed(String name, String expected, String actual, String detail) {
    return new VerificationCheck(name, Status.FAILED, expected, actual, detail);
  }

  /** A check that was not performed, with the reason. */
  public static VerificationCheck notPerformed(String name, String reason) {
    return new VerificationCheck(name, Status.NOT_PERFORMED, null, null, reason);
  }

  public String name() {
    return name;
  }

  public Status status() {
    return status;
  }

  public Optional<String> expected() {
    return Optional.ofNullable(expected);
  }

  public Optional<String> actual() {
    return Optional.ofNullable(actual);
  }

  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VerificationCheck)) {
      return false;
    }
    VerificationCheck c = (VerificationCheck) o;
    return name.equals(c.name) && status == c.status && Objects.equals(expected, c.expected)
        && Objects.equals(actual, c.actual) && Objects.equals(detail, c.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, status, expected, actual, detail);
  }

  /** {@code name: STATUS (expected X, actual Y; detail)}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name).append(": ").append(status);
    if (expected != null || actual != null || detail != null) {
      s.append(" (");
      String sep = "";
      if (expected != null) {
        s.append("expected ").append(expected);
        sep = ", ";
      }
      if (actual != null) {
        s.append(sep).append("actual ").append(actual);
        sep = "; ";
      }
      if (detail != null) {
        s.append(expected != null && actual == null ? "; " : sep).append(detail);
      }
      s.append(')');
    }
    return s.toString();
  }
}
