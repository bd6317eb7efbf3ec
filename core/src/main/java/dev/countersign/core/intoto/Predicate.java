package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A typed in-toto predicate ({@link SlsaProvenance}, {@link VerificationSummary}, ...): its type URI and its JSON.
 * Any other predicate is carried as raw JSON with {@link InTotoStatement.Builder#predicate(String, JsonNode)}.
 */
public interface Predicate {
  /** The statement's {@code predicateType}, e.g. {@code https://slsa.dev/provenance/v1}. */
  String predicateType();

  /** The predicate as JSON (a fresh copy). */
  JsonNode toJson();
}
