package dev.countersign.keys.internal.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the cache remembers about the last answer for {@code keys.json}: the manifest version it carried, its
 * {@code ETag} and until when it is fresh (no request before then). Stored next to the cached chain as
 * {@code fetch.json}; not trusted for content (the chain is re-verified from the pin each load), only for when
 * to ask again. A state that does not parse is treated as absent.
 */
public record FetchState(int version, String etag, Instant freshUntil) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  byte[] toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("version", version);
    if (etag != null) {
      n.put("etag", etag);
    }
    n.put("freshUntil", freshUntil.toString());
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the fetch state", e);
    }
  }

  static FetchState parse(byte[] json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || !n.path("version").canConvertToInt() || !n.path("freshUntil").isTextual()) {
        return null;
      }
      String etag = n.path("etag").isTextual() ? n.path("etag").asText() : null;
      return new FetchState(n.path("version").asInt(), etag, Instant.parse(n.path("freshUntil").asText()));
    } catch (IOException | DateTimeParseException e) {
      return null;
    }
  }
}
