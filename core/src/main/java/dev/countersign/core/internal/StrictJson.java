package dev.countersign.core.internal;

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
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict, bounded JSON reading for signed documents: a size cap, no duplicate keys, no trailing tokens, bounded
 * nesting, and typed field access whose errors name the field's path. Explicit {@code null} counts as absent, as
 * in protobuf JSON.
 */
public final class StrictJson {
  /** Largest document read: 16 MiB. */
  public static final int MAX_BYTES = 16 << 20;

  private static final ObjectMapper MAPPER = createMapper();

  private StrictJson() {}

  private static ObjectMapper createMapper() {
    return createMapper(MAX_BYTES);
  }

  private static ObjectMapper createMapper(int maxStringLength) {
    JsonFactory f = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64)
            .maxStringLength(maxStringLength).build())
        .build();
    ObjectMapper m = new ObjectMapper(f);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    return m;
  }

  /** Parses a JSON object of at most {@link #MAX_BYTES}; {@code what} names the document in messages. */
  public static JsonNode parseObject(byte[] json, String what) {
    return parseObject(json, what, MAX_BYTES);
  }

  /**
   * Parses a JSON object of at most {@code maxBytes} (checked before parsing); caps above {@link #MAX_BYTES} use a
   * reader whose string-length limit follows the cap.
   */
  public static JsonNode parseObject(byte[] json, String what, int maxBytes) {
    if (maxBytes < 1) {
      throw new InvalidInputException("size cap for " + what + " must be positive, got " + maxBytes);
    }
    if (json == null || json.length == 0) {
      throw new InvalidInputException(what + " is empty");
    }
    if (json.length > maxBytes) {
      throw new InvalidInputException(what + " is " + json.length + " bytes, larger than "
          + describeSize(maxBytes));
    }
    ObjectMapper mapper = maxBytes <= MAX_BYTES ? MAPPER : createMapper(maxBytes);
    JsonNode node;
    try {
      node = mapper.readTree(json);
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

  /** Reads at most {@link #MAX_BYTES} from {@code in} (not closed); more is an error. */
  public static byte[] readCapped(InputStream in, String what) {
    return readCapped(in, what, MAX_BYTES);
  }

  /** Reads at most {@code maxBytes} from {@code in} (not closed); more is an error, found without reading on. */
  public static byte[] readCapped(InputStream in, String what, int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        if ((long) out.size() + n > maxBytes) {
          throw new InvalidInputException(what + " is larger than " + describeSize(maxBytes));
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Reads a file of at most {@link #MAX_BYTES}. */
  public static byte[] readCapped(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      return readCapped(in, what + " " + file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** The member {@code field} of {@code obj}, or null when absent or JSON null. */
  public static JsonNode member(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    return v == null || v.isNull() ? null : v;
  }

  /** An object member; null when absent and not required. */
  public static JsonNode object(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = present(obj, field, path, required);
    if (v != null && !v.isObject()) {
      throw wrongType(path, "an object", v);
    }
    return v;
  }

  /** An array member; null when absent and not required. */
  public static JsonNode array(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = present(obj, field, path, required);
    if (v != null && !v.isArray()) {
      throw wrongType(path, "an array", v);
    }
    return v;
  }

  /** A string member; null when absent and not required. */
  public static String string(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = present(obj, field, path, required);
    if (v != null && !v.isTextual()) {
      throw wrongType(path, "a string", v);
    }
    return v == null ? null : v.textValue();
  }

  /** A base64 string member, decoded; null when absent and not required. */
  public static byte[] base64(JsonNode obj, String field, String path, boolean required) {
    String s = string(obj, field, path, required);
    return s == null ? null : Base64Text.decode(s, path);
  }

  /** A protobuf-JSON int64: a decimal string or an integral number; {@code fallback} when absent. */
  public static long int64(JsonNode obj, String field, String path, boolean required, long fallback) {
    JsonNode v = present(obj, field, path, required);
    if (v == null) {
      return fallback;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isTextual()) {
      String s = v.textValue();
      if (s.matches("-?[0-9]{1,19}")) {
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(path + " is out of the int64 range");
        }
      }
    }
    throw wrongType(path, "an int64 (decimal string or integer)", v);
  }

  /** Each element of {@code array} must be an object. */
  public static JsonNode element(JsonNode array, int i, String path) {
    JsonNode v = array.get(i);
    if (v == null || !v.isObject()) {
      throw wrongType(path + "[" + i + "]", "an object", v);
    }
    return v;
  }

  /** Compact JSON text of a node. */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Writes a document with a generator and returns its text. */
  public static String write(GeneratorBody body) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Code that writes one JSON document. */
  @FunctionalInterface
  public interface GeneratorBody {
    void write(JsonGenerator g) throws IOException;
  }

  private static JsonNode present(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = member(obj, field);
    if (v == null && required) {
      throw new InvalidInputException(path + " is missing");
    }
    return v;
  }

  private static String describeSize(int bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }

  private static InvalidInputException wrongType(String path, String expected, JsonNode v) {
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
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
