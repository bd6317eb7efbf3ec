package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading AWS JSON 1.1 request members with the service's validation errors. */
final class Json {
  private Json() {
  }

  /** An AWS timestamp: epoch seconds as a JSON number, millisecond precision. */
  static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  static String requiredString(JsonNode body, String member) {
    String value = optionalString(body, member);
    if (value == null || value.isEmpty()) {
      throw KmsError.validation("1 validation error detected: Value null at '" + lowerFirst(member)
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  static String optionalString(JsonNode body, String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new KmsError("SerializationException", 400, "Member " + member + " must be a string");
    }
    return node.asText();
  }

  static Integer optionalInt(JsonNode body, String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new KmsError("SerializationException", 400, "Member " + member + " must be an integer");
    }
    return node.intValue();
  }

  /** A base64 blob member, required and of 1..{@code max} bytes. */
  static byte[] requiredBlob(JsonNode body, String member, int max) {
    String text = requiredString(body, member);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new KmsError("SerializationException", 400, "Member " + member + " is not valid base64");
    }
    if (bytes.length < 1 || bytes.length > max) {
      throw KmsError.validation("1 validation error detected: Value at '" + lowerFirst(member)
          + "' failed to satisfy constraint: Member must have length between 1 and " + max);
    }
    return bytes;
  }

  /** The EncryptionContext map member, sorted by key; empty when absent. */
  static Map<String, String> stringMap(JsonNode body, String member) {
    Map<String, String> map = new TreeMap<>();
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw new KmsError("SerializationException", 400, "Member " + member + " must be a map");
    }
    node.properties().forEach(e -> {
      if (!e.getValue().isTextual()) {
        throw new KmsError("SerializationException", 400, "Values of " + member + " must be strings");
      }
      map.put(e.getKey(), e.getValue().asText());
    });
    return map;
  }

  /**
   * One page of {@code all} by the request's Limit (1..max, default max) and Marker; writes Truncated and
   * NextMarker into {@code response}.
   */
  static <T> List<T> page(List<T> all, JsonNode body, ObjectNode response, int max) {
    Integer limit = optionalInt(body, "Limit");
    if (limit != null && (limit < 1 || limit > 1000)) {
      throw KmsError.validation("1 validation error detected: Value '" + limit
          + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000");
    }
    int size = limit == null ? max : Math.min(limit, max);
    String marker = optionalString(body, "Marker");
    int from = 0;
    if (marker != null) {
      try {
        from = Integer.parseInt(marker);
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        throw new KmsError("InvalidMarkerException", 400, "Invalid marker");
      }
    }
    int to = Math.min(all.size(), from + size);
    boolean truncated = to < all.size();
    response.put("Truncated", truncated);
    if (truncated) {
      response.put("NextMarker", Integer.toString(to));
    }
    return all.subList(from, to);
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
