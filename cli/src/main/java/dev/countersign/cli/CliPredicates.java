package dev.countersign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.intoto.PredicateTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Reads {@code --predicate FILE} as cosign does: JSON for every type, except that a {@code custom} predicate that
 * is not JSON is wrapped as cosign wraps it ({@code {"data": TEXT, "timestamp": NOW}}).
 */
final class CliPredicates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliPredicates() {}

  static JsonNode read(Path file, String predicateType) {
    byte[] bytes = CliFiles.readAll(CliFiles.requireReadable(file));
    try {
      return JSON.readTree(bytes);
    } catch (IOException notJson) {
      if (!PredicateTypes.COSIGN_CUSTOM.equals(predicateType)) {
        throw new InvalidInputException("--predicate " + file + " is not JSON: " + notJson.getMessage());
      }
      ObjectNode wrapped = JSON.createObjectNode();
      wrapped.put("data", new String(bytes, StandardCharsets.UTF_8));
      wrapped.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      return wrapped;
    }
  }
}
