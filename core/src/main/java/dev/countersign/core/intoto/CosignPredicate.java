package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * cosign's {@code custom} predicate ({@code https://cosign.sigstore.dev/attestation/v1}):
 * {@code {"data": <string or JSON>, "timestamp": "<RFC 3339>"}}, what {@code cosign attest --type custom} writes.
 */
public final class CosignPredicate implements Predicate {
  private final ObjectNode json;

  private CosignPredicate(ObjectNode json) {
    this.json = json.deepCopy();
  }

  /** A custom predicate with {@code data} (a JSON string or document) and {@code timestamp}. */
  public static CosignPredicate of(JsonNode data, Instant timestamp) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("data", Objects.requireNonNull(data, "data").deepCopy());
    o.put("timestamp", Objects.requireNonNull(timestamp, "timestamp").toString());
    return new CosignPredicate(o);
  }

  /** A custom predicate whose data is text. */
  public static CosignPredicate of(String data, Instant timestamp) {
    return of(JsonNodeFactory.instance.textNode(Objects.requireNonNull(data, "data")), timestamp);
  }

  /** Reads the predicate of a {@code custom} statement. */
  public static CosignPredicate from(InTotoStatement statement) {
    if (!PredicateTypes.COSIGN_CUSTOM.equals(statement.predicateType())) {
      throw new InvalidInputException("predicate type " + statement.predicateType() + " is not "
          + PredicateTypes.COSIGN_CUSTOM);
    }
    JsonNode p = statement.predicate();
    if (!p.isObject() || !p.has("data")) {
      throw new InvalidInputException("cosign custom predicate must be an object with 'data'");
    }
    CosignPredicate c = new CosignPredicate((ObjectNode) p);
    c.timestamp();
    return c;
  }

  /** {@code data}: a text node or a JSON document. */
  public JsonNode data() {
    return json.get("data").deepCopy();
  }

  /** {@code timestamp}, when present. */
  public Optional<Instant> timestamp() {
    JsonNode t = json.get("timestamp");
    if (t == null || t.isNull() || (t.isTextual() && t.textValue().isEmpty())) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(t.asText()).toInstant());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("cosign custom predicate timestamp is not RFC 3339: '" + t.asText() + "'");
    }
  }

  @Override
  public String predicateType() {
    return PredicateTypes.COSIGN_CUSTOM;
  }

  @Override
  public JsonNode toJson() {
    return json.deepCopy();
  }
}
