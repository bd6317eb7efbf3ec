package dev.countersign.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a verification: every check in the order it ran. It {@linkplain #passed() passed} when at least
 * one check ran and none failed; checks that were {@linkplain VerificationCheck.Status#NOT_PERFORMED not performed}
 * are listed so that a caller can see what was <em>not</em> established.
 */
public final class VerificationReport {
  private final String subject;
  private final List<VerificationCheck> checks;

  private VerificationReport(String subject, List<VerificationCheck> checks) {
    this.subject = subject;
    this.checks = List.copyOf(checks);
  }

  /** A new builder; {@code subject} names what was verified (a file, an image reference), used in messages. */
  public static Builder builder(String subject) {
    return new Builder(subject);
  }

  public String subject() {
    return subject;
  }

  public List<VerificationCheck> checks() {
    return checks;
  }

  /** True when at least one check passed and none failed. */
  public boolean passed() {
    boolean anyPassed = false;
    for (VerificationCheck c : checks) {
      if (c.status() == VerificationCheck.Status.FAILED) {
        return false;
      }
      anyPassed |= c.status() == VerificationCheck.Status.PASSED;
    }
    return anyPassed;
  }

  /** The failed checks, in order. */
  public List<VerificationCheck> failures() {
    List<VerificationCheck> out = new ArrayList<>();
    for (VerificationCheck c : checks) {
      if (c.status() == VerificationCheck.Status.FAILED) {
        out.add(c);
      }
    }
    return out;
  }

  /** The check with this name, if it ran. */
  public Optional<VerificationCheck> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Returns this report when it passed, else throws {@link VerificationException} carrying it. */
  public VerificationReport orThrow() {
    if (!passed()) {
      throw new VerificationException(this);
    }
    return this;
  }

  /** One line: the subject and the first failure, or that it verified. */
  public String summary() {
    List<VerificationCheck> failed = failures();
    if (!failed.isEmpty()) {
      return "verification of " + subject + " failed: " + failed.get(0);
    }
    return passed() ? "verified " + subject : "verification of " + subject + " failed: no check passed";
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(summary());
    for (VerificationCheck c : checks) {
      s.append("\n  ").append(c);
    }
    return s.toString();
  }

  /** Collects checks in the order they run. */
  public static final class Builder {
    private final String subject;
    private final List<VerificationCheck> checks = new ArrayList<>();

    private Builder(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
    }

    public Builder add(VerificationCheck check) {
      checks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    public Builder addAll(List<VerificationCheck> more) {
      more.forEach(this::add);
      return this;
    }

    /** Whether a check added so far failed (lets a verifier stop before costly work). */
    public boolean hasFailure() {
      return checks.stream().anyMatch(c -> c.status() == VerificationCheck.Status.FAILED);
    }

    public VerificationReport build() {
      return new VerificationReport(subject, checks);
    }
  }
}
