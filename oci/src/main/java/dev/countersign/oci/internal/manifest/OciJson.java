package dev.countersign.oci.internal.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict, bounded JSON for every document the oci module reads or writes (manifests, indexes, layout files,
 * signature payloads, in-toto statements, registry responses): no duplicate keys, no trailing tokens, bounded
 * nesting, typed member access whose errors name the member's path, and a compact generator for canonical
 * output. Explicit {@code null} counts as absent. The oci module's only JSON parser configuration.
 */
public final class OciJson {
  private static final ObjectMapper MAPPER = createMapper();

  private OciJson() {}

  private static ObjectMapper createMapper() {
    JsonFactory f = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(32)
            .maxStringLength(8 << 20).build())
        .build();
    ObjectMapper m = new ObjectMapper(f);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    return m;
  }

  /** Parses a JSON object of at most {@code maxBytes}; {@code what} names the document in messages. */
  public static JsonNode parseObject(byte[] json, int maxBytes, String what) {
    if (json != null && json.length > maxBytes) {
      throw new InvalidInputException(what + " of " + json.length + " bytes exceeds the " + maxBytes
          + "-byte limit");
    }
    return parseObject(json, what);
  }

  /** Parses a JSON object; {@code what} names the document in messages. The caller caps the size. */
  public static JsonNode parseObject(byte[] json, String what) {
    if (json == null || json.length == 0) {
      throw new InvalidInputException(what + " is empty");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(what + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"), e);
    } catch (IOException e) {
      throw new InvalidInputException(what + " cannot be read: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(what + " must be a JSON object, got " + kind(node));
    }
    return node;
  }

  /** The member {@code field}, or null when absent or JSON null. */
  public static JsonNode member(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    return v == null || v.isNull() ? null : v;
  }

  public static JsonNode object(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = present(obj, field, path, required);
    if (v != null && !v.isObject()) {
      throw wrongType(path, "an object", v);
    }
    return v;
  }

  public static JsonNode array(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = present(obj, field, path, required);
    if (v != null && !v.isArray()) {
      throw wrongType(path, "an array", v);
    }
    return v;
  }

  public static String string(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = present(obj, field, path, required);
    if (v != null && !v.isTextual()) {
      throw wrongType(path, "a string", v);
    }
    return v == null ? null : v.textValue();
  }

  /** A non-negative integer member that fits a long; {@code fallback} when absent. */
  public static long nonNegativeLong(JsonNode obj, String field, String path, boolean required, long fallback) {
    JsonNode v = present(obj, field, path, required);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(path, "an integer", v);
    }
    if (v.longValue() < 0) {
      throw new InvalidInputException(path + " must not be negative, got " + v.longValue());
    }
    return v.longValue();
  }

  /** An object of string values, as an insertion-ordered map; empty when absent. */
  public static Map<String, String> stringMap(JsonNode obj, String field, String path) {
    JsonNode v = object(obj, field, path, false);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw wrongType(path + "." + e.getKey(), "a string", e.getValue());
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** Element {@code i} of {@code array}, which must be an object. */
  public static JsonNode element(JsonNode array, int i, String path) {
    JsonNode v = array.get(i);
    if (v == null || !v.isObject()) {
      throw wrongType(path + "[" + i + "]", "an object", v);
    }
    return v;
  }

  /** Writes one compact JSON document with a generator and returns its UTF-8 bytes. */
  public static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code map} as an object with its keys sorted. */
  public static void writeSortedMap(JsonGenerator g, Map<String, String> map) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  /** Code that writes one JSON document. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static JsonNode present(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = member(obj, field);
    if (v == null && required) {
      throw new InvalidInputException(path + " is missing");
    }
    return v;
  }

  public static InvalidInputException wrongType(String path, String expected, JsonNode v) {
    return new InvalidInputException(path + " must be " + expected + ", got " + kind(v));
  }

  private static String kind(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    switch (v.getNodeType()) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
  }
}
