package dev.countersign.policy;

import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import java.util.List;
import java.util.Optional;

/**
 * The result of evaluating a {@link ProvenancePolicy} against one in-toto statement: a {@link VerificationReport}
 * with one check per policy constraint, in a fixed order ({@code predicate-type}, {@code source-repository},
 * {@code source-ref}, {@code source-commit}, {@code source-commit-reachable}, {@code builder-id},
 * {@code build-type}, {@code entry-point}, {@code external-parameter:<name>}, {@code max-age},
 * {@code rule:<name>}): passed, failed with expected and actual, or not performed when the policy sets no
 * constraint. It {@linkplain #passed() passed} when no check failed and at least one passed.
 */
public final class PolicyEvaluation {
  private final VerificationReport report;

  PolicyEvaluation(VerificationReport report) {
    this.report = report;
  }

  public VerificationReport report() {
    return report;
  }

  public boolean passed() {
    return report.passed();
  }

  /** The checks, in order. */
  public List<VerificationCheck> checks() {
    return report.checks();
  }

  /**
   * Why the statement was rejected, in one line naming the first failed check, e.g.
   * {@code build provenance mismatch: source repository expected github.com/acme/web, got github.com/evil/web};
   * empty when it passed.
   */
  public Optional<String> rejectionReason() {
    if (passed()) {
      return Optional.empty();
    }
    List<VerificationCheck> failed = report.failures();
    if (failed.isEmpty()) {
      return Optional.of("build provenance mismatch: the policy checked nothing (every check was not performed)");
    }
    VerificationCheck c = failed.get(0);
    StringBuilder s = new StringBuilder("build provenance mismatch: ").append(label(c.name()));
    c.expected().ifPresent(e -> s.append(" expected ").append(e));
    if (c.actual().isPresent()) {
      s.append(c.expected().isPresent() ? ", got " : " got ").append(c.actual().get());
    } else {
      c.detail().ifPresent(d -> s.append(": ").append(d));
    }
    if (failed.size() > 1) {
      s.append(" (and ").append(failed.size() - 1).append(" more failed check").append(failed.size() > 2 ? "s" : "")
          .append(')');
    }
    return Optional.of(s.toString());
  }

  @Override
  public String toString() {
    return report.toString();
  }

  private static String label(String check) {
    if (check.startsWith("rule:")) {
      return "rule " + check.substring(5);
    }
    if (check.startsWith("external-parameter:")) {
      return "external parameter " + check.substring(19);
    }
    switch (check) {
      case "max-age":
        return "age";
      case "source-commit-reachable":
        return "source commit reachable from";
      default:
        return check.replace('-', ' ');
    }
  }
}
