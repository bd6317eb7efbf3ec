package dev.countersign.policy;

import dev.countersign.core.InvalidInputException;
import java.util.Objects;

/**
 * A free-form policy rule: a name and a CEL expression over the in-toto statement that must evaluate to
 * {@code true}. The expression sees {@code statement} (the whole statement as a map), {@code predicate} (its
 * predicate), {@code predicateType} (a string) and {@code subject} (the list of subjects), e.g.
 * {@code !has(predicate.buildDefinition.externalParameters.dirty)}. It is reported as the check
 * {@code rule:<name>}.
 */
public final class PolicyRule {
  private static final int MAX_EXPRESSION_CHARS = 8192;

  private final String name;
  private final String expression;

  private PolicyRule(String name, String expression) {
    this.name = name;
    this.expression = expression;
  }

  /**
   * A rule; the name is 1-63 characters of letters, digits, {@code -}, {@code _} and {@code .}; the expression is
   * non-blank and at most 8192 characters. Whether it compiles is checked when the policy is built.
   */
  public static PolicyRule of(String name, String expression) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expression, "expression");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new InvalidInputException("rule name '" + name
          + "' must be 1-63 letters, digits, '.', '_' or '-' starting with a letter or digit");
    }
    if (expression.isBlank()) {
      throw new InvalidInputException("rule " + name + ": expression is empty");
    }
    if (expression.length() > MAX_EXPRESSION_CHARS) {
      throw new InvalidInputException("rule " + name + ": expression is longer than " + MAX_EXPRESSION_CHARS
          + " characters");
    }
    return new PolicyRule(name, expression);
  }

  public String name() {
    return name;
  }

  public String expression() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyRule && ((PolicyRule) o).name.equals(name)
        && ((PolicyRule) o).expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, expression);
  }

  @Override
  public String toString() {
    return name + ": " + expression;
  }
}
