package dev.countersign.policy.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;

/**
 * Reads an in-toto statement's JSON for policy evaluation: at most 16 MiB, no duplicate keys, no trailing data,
 * nesting depth 64; the statement must have a string {@code predicateType}, a non-empty {@code subject} list and
 * an object {@code predicate} (or none).
 */
public final class StatementJson {
  /** Largest statement read. */
  public static final int MAX_BYTES = 16 << 20;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(MAX_BYTES).build())
      .build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private StatementJson() {}

  /** Parses and checks a statement. */
  public static JsonNode parse(byte[] json) {
    if (json == null || json.length == 0) {
      throw new InvalidInputException("in-toto statement is empty");
    }
    if (json.length > MAX_BYTES) {
      throw new InvalidInputException("in-toto statement is larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    try {
      return check(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("in-toto statement is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException("in-toto statement cannot be read: " + e.getMessage(), e);
    }
  }

  /** Checks the shape of an already parsed statement and returns it. */
  public static JsonNode check(JsonNode statement) {
    if (statement == null || !statement.isObject()) {
      throw new InvalidInputException("in-toto statement must be a JSON object");
    }
    if (!statement.path("predicateType").isTextual() || statement.path("predicateType").textValue().isBlank()) {
      throw new InvalidInputException("in-toto statement has no predicateType string");
    }
    JsonNode subject = statement.path("subject");
    if (!subject.isArray() || subject.isEmpty()) {
      throw new InvalidInputException("in-toto statement has no subject");
    }
    JsonNode predicate = statement.get("predicate");
    if (predicate != null && !predicate.isNull() && !predicate.isObject()) {
      throw new InvalidInputException("in-toto statement predicate must be a JSON object");
    }
    return statement;
  }
}
