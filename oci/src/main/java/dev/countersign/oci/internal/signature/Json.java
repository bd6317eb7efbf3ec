package dev.countersign.oci.internal.signature;

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
import java.io.UncheckedIOException;

/**
 * Strict, bounded JSON for signature documents: no duplicate keys, no trailing tokens, bounded nesting, and a
 * size cap checked before parsing; a compact writer whose field order is the caller's.
 */
public final class Json {
  private static final ObjectMapper MAPPER = createMapper();

  private Json() {}

  private static ObjectMapper createMapper() {
    JsonFactory f = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64).build())
        .build();
    ObjectMapper m = new ObjectMapper(f);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    return m;
  }

  /** Parses a JSON object of at most {@code maxBytes}; {@code what} names the document in messages. */
  public static JsonNode parseObject(byte[] json, int maxBytes, String what) {
    if (json == null || json.length == 0) {
      throw new InvalidInputException(what + " is empty");
    }
    if (json.length > maxBytes) {
      throw new InvalidInputException(what + " of " + json.length + " bytes exceeds the " + maxBytes
          + "-byte limit");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException(what + " cannot be read: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(what + " must be a JSON object, got " + kind(node));
    }
    return node;
  }

  /** Reads at most {@code maxBytes} from {@code in} (closed afterwards); more is an error. */
  public static byte[] readCapped(InputStream in, int maxBytes, String what) {
    try (InputStream s = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = s.read(buf)) != -1; ) {
        if (out.size() + n > maxBytes) {
          throw new InvalidInputException(what + " exceeds the " + maxBytes + "-byte limit");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** A JSON type name for messages. */
  public static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Writes compact JSON with the field order the callback produces. */
  public static byte[] write(Writer body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Produces JSON on a generator. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator g) throws IOException;
  }
}
