package dev.countersign.sbom.internal.attest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;

/**
 * Strict JSON for SBOM documents: duplicate keys refused (a signed SBOM must mean one thing to every reader), no
 * trailing content, nesting bounded (deep enough for nested CycloneDX components), strings bounded by the size
 * cap.
 */
public final class StrictSbomJson {
  /** Deepest nesting accepted; CycloneDX components nest, but not this deep in real SBOMs. */
  public static final int MAX_DEPTH = 256;

  private StrictSbomJson() {}

  /** Parses a JSON object; {@code what} names the document in messages. */
  public static JsonNode parseObject(byte[] json, String what) {
    if (json == null || json.length == 0) {
      throw new InvalidInputException(what + " is empty");
    }
    JsonNode node;
    try {
      node = mapper(json.length).readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(what + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"), e);
    } catch (IOException e) {
      throw new InvalidInputException(what + " cannot be read: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(what + " must be a JSON object, got "
          + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    return node;
  }

  /** Compact UTF-8 JSON of {@code node}. */
  public static byte[] compact(JsonNode node) {
    try {
      return new ObjectMapper().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static ObjectMapper mapper(int length) {
    JsonFactory f = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(64)
            .maxStringLength(Math.max(length, 1)).build())
        .build();
    ObjectMapper m = new ObjectMapper(f);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    return m;
  }
}
