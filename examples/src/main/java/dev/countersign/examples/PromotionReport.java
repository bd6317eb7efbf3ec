package dev.countersign.examples;

import dev.countersign.core.VerificationCheck;
import dev.countersign.policy.PromotionResult;
import java.util.List;

/**
 * Prints a {@link PromotionResult} for people: the decision, every check the platform team made with PASSED,
 * FAILED (expected vs actual) or NOT CHECKED (why), the one-line reason of a rejection, and what was written.
 */
final class PromotionReport {
  private static final String INDENT = "            ";

  private PromotionReport() {}

  static void print(PromotionResult result) {
    List<VerificationCheck> checks = result.report().checks();
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    for (VerificationCheck c : checks) {
      System.out.println(INDENT + pad(label(c.status()), 12) + pad(c.name(), width + 2) + describe(c));
    }
    if (result.promoted()) {
      System.out.println(INDENT + "=> PROMOTED " + result.digest().orElseThrow());
    } else {
      System.out.println(INDENT + "=> REJECTED: " + result.reason().orElseThrow());
    }
    if (result.actions().isEmpty()) {
      System.out.println(INDENT + "   written: nothing");
    }
    for (String action : result.actions()) {
      System.out.println(INDENT + "   written: " + action);
    }
  }

  private static String label(VerificationCheck.Status status) {
    switch (status) {
      case PASSED:
        return "PASSED";
      case FAILED:
        return "FAILED";
      default:
        return "NOT CHECKED";
    }
  }

  private static String describe(VerificationCheck c) {
    switch (c.status()) {
      case PASSED:
        return c.detail().orElse("");
      case FAILED:
        return "expected " + c.expected().orElse("?") + ", actual " + c.actual().orElse("?")
            + c.detail().map(d -> " (" + d + ")").orElse("");
      default:
        return c.detail().orElse("");
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
