package dev.countersign.testing.assertj;

import dev.countersign.core.Digest;
import dev.countersign.core.intoto.InTotoStatement;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a verified in-toto Statement, e.g. from {@link ImageAssert#hasAttestation}; use
 * {@code satisfies(s -> ...)} to look at the predicate.
 */
public final class StatementAssert extends AbstractObjectAssert<StatementAssert, InTotoStatement> {
  StatementAssert(InTotoStatement actual) {
    super(actual, StatementAssert.class);
  }

  public StatementAssert hasPredicateType(String predicateType) {
    isNotNull();
    if (!actual.predicateType().equals(predicateType)) {
      failWithMessage("%s", "\nExpecting predicate type " + predicateType + " but was " + actual.predicateType());
    }
    return this;
  }

  public StatementAssert hasSubject(Digest digest) {
    isNotNull();
    if (!actual.hasSubject(digest)) {
      failWithMessage("%s", "\nExpecting a subject with digest " + digest + " among " + actual.subjects());
    }
    return this;
  }

  /** The predicate field {@code name} as text equals {@code value}. */
  public StatementAssert hasPredicateField(String name, String value) {
    isNotNull();
    var node = actual.predicate().get(name);
    String found = node == null ? null : node.isTextual() ? node.asText() : node.toString();
    if (!value.equals(found)) {
      failWithMessage("%s", "\nExpecting predicate field " + name + " = " + value + " but was " + found);
    }
    return this;
  }
}
