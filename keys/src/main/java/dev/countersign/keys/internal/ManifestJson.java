package dev.countersign.keys.internal;

import com.fasterxml.jackson.core.JsonFactory;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict, bounded JSON reading for key manifests: a size cap checked before parsing (and while reading streams),
 * duplicate names refused, no trailing tokens, bounded nesting, unknown members refused, explicit {@code null}
 * refused, and typed access whose errors name the member's path.
 */
public final class ManifestJson {
  private static final Pattern RFC3339_UTC = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(32).build())
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private ManifestJson() {}

  /** Parses a JSON object of at most {@code maxBytes} (checked before parsing). */
  public static JsonNode parse(byte[] json, String what, int maxBytes) {
    if (json == null || json.length == 0) {
      throw new InvalidInputException(what + " is empty");
    }
    if (json.length > maxBytes) {
      throw new InvalidInputException(what + " is " + json.length + " bytes, larger than the cap of " + maxBytes);
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
      throw new InvalidInputException(what + " must be a JSON object");
    }
    return node;
  }

  /** Reads at most {@code maxBytes} from {@code in} (not closed); one byte more is refused without reading on. */
  public static byte[] readCapped(InputStream in, String what, int maxBytes) {
    byte[] b = readAtMost(in, what, maxBytes + 1L);
    if (b.length > maxBytes) {
      throw new InvalidInputException(what + " is larger than the cap of " + maxBytes + " bytes");
    }
    return b;
  }

  /** Reads until the end of {@code in} or {@code limit} bytes, whichever comes first; never more. */
  public static byte[] readAtMost(InputStream in, String what, long limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; out.size() < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - out.size()))) != -1; ) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Refuses any member of {@code obj} not in {@code allowed}, naming it. */
  public static void onlyMembers(JsonNode obj, String path, Set<String> allowed) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new InvalidInputException(path + " has an unknown member '" + printable(name) + "'");
      }
    }
  }

  /** A member that must be present and not null (unless optional: then null when absent). */
  public static JsonNode member(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = obj.get(field);
    if (v == null) {
      if (required) {
        throw new InvalidInputException(path + "." + field + " is missing");
      }
      return null;
    }
    if (v.isNull()) {
      throw new InvalidInputException(path + "." + field + " is null; omit optional members instead");
    }
    return v;
  }

  /** An object member. */
  public static JsonNode object(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = member(obj, field, path, required);
    if (v != null && !v.isObject()) {
      throw new InvalidInputException(path + "." + field + " must be an object");
    }
    return v;
  }

  /** An array member. */
  public static JsonNode array(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = member(obj, field, path, required);
    if (v != null && !v.isArray()) {
      throw new InvalidInputException(path + "." + field + " must be an array");
    }
    return v;
  }

  /** A non-empty string member. */
  public static String string(JsonNode obj, String field, String path, boolean required) {
    JsonNode v = member(obj, field, path, required);
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw new InvalidInputException(path + "." + field + " must be a non-empty string");
    }
    return v.textValue();
  }

  /** An integer member in {@code [min, max]}. */
  public static long integer(JsonNode obj, String field, String path, long min, long max) {
    JsonNode v = member(obj, field, path, true);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      throw new InvalidInputException(path + "." + field + " must be an integer from " + min + " to " + max);
    }
    return v.longValue();
  }

  /** An RFC 3339 UTC time member in the one form written: {@code yyyy-MM-ddTHH:mm:ssZ}. */
  public static Instant time(JsonNode obj, String field, String path, boolean required) {
    String s = string(obj, field, path, required);
    return s == null ? null : parseTime(s, path + "." + field);
  }

  /** Parses {@code yyyy-MM-ddTHH:mm:ssZ}. */
  public static Instant parseTime(String s, String path) {
    if (!RFC3339_UTC.matcher(s).matches()) {
      throw new InvalidInputException(path + " must be an RFC 3339 UTC time without fraction"
          + " (yyyy-MM-ddTHH:mm:ssZ), got '" + printable(s) + "'");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(path + " is not a valid time: '" + s + "'", e);
    }
  }

  /** The form {@link #parseTime} reads; the instant must have whole seconds. */
  public static String formatTime(Instant t) {
    if (t.getNano() != 0) {
      throw new InvalidInputException("times in a key manifest have whole seconds, got " + t);
    }
    return t.toString();
  }

  /** At most 80 characters of {@code s} for a message. */
  public static String printable(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    StringBuilder b = new StringBuilder();
    t.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? '?' : Character.toString(c)));
    return b.toString();
  }
}
