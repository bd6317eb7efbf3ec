package dev.countersign.keys.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), restricted to integers. Object members are sorted by their names
 * compared as UTF-16 code units (section 3.2.3), there is no whitespace, strings are written with the minimal
 * escapes of section 3.2.2.2 ({@code \"}, {@code \\}, {@code \b \t \n \f \r}, and for the other control
 * characters {@code \\u} with four lower-case hex digits; everything else as UTF-8), and literals as
 * {@code true false null}.
 *
 * <p>Numbers: only integers of magnitude at most 2^53 - 1 are accepted, whose ECMAScript serialisation (section
 * 3.2.2.3) is their plain decimal form; any fraction or exponent, {@code -0} and larger integers are refused, so the
 * canonical form is exact without an ECMAScript double formatter. Strings must be well-formed Unicode (no lone
 * surrogates, as I-JSON requires).
 */
public final class CanonicalJson {
  /** Largest integer magnitude written or accepted: 2^53 - 1 (I-JSON, RFC 7493 section 2.2). */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of {@code node}; {@link InvalidInputException} for what this profile refuses. */
  public static byte[] serialize(JsonNode node) {
    StringBuilder s = new StringBuilder();
    write(node, s, "$");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code json} is exactly the canonical form of the document it holds: strictly parsed (duplicate names
   * refused, at most {@code maxBytes}) and byte-for-byte equal to its re-serialisation. Malformed JSON, floats and
   * anything else this profile refuses are not canonical.
   */
  public static boolean isCanonical(byte[] json, int maxBytes) {
    try {
      return Arrays.equals(json, serialize(ManifestJson.parse(json, "document", maxBytes)));
    } catch (InvalidInputException e) {
      return false;
    }
  }

  private static void write(JsonNode node, StringBuilder s, String path) {
    switch (node.getNodeType()) {
      case OBJECT:
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(String::compareTo); // String.compareTo compares UTF-16 code units, as RFC 8785 3.2.3 requires
        s.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            s.append(',');
          }
          writeString(names.get(i), s, path);
          s.append(':');
          write(node.get(names.get(i)), s, path + "." + names.get(i));
        }
        s.append('}');
        break;
      case ARRAY:
        s.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            s.append(',');
          }
          write(node.get(i), s, path + "[" + i + "]");
        }
        s.append(']');
        break;
      case STRING:
        writeString(node.textValue(), s, path);
        break;
      case NUMBER:
        if (!node.isIntegralNumber() || !node.canConvertToLong()
            || Math.abs(node.longValue()) > MAX_SAFE_INTEGER) {
          throw new InvalidInputException(path + " is a number this canonical form refuses (only integers of"
              + " magnitude up to 2^53-1): " + node.asText());
        }
        s.append(node.longValue());
        break;
      case BOOLEAN:
        s.append(node.booleanValue());
        break;
      case NULL:
        s.append("null");
        break;
      default:
        throw new InvalidInputException(path + " has a value JSON cannot hold: " + node.getNodeType());
    }
  }

  private static void writeString(String v, StringBuilder s, String path) {
    s.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
        s.append(c).append(v.charAt(++i));
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new InvalidInputException(path + " holds a lone UTF-16 surrogate, which canonical JSON refuses");
      }
      switch (c) {
        case '"':
          s.append("\\\"");
          break;
        case '\\':
          s.append("\\\\");
          break;
        case '\b':
          s.append("\\b");
          break;
        case '\t':
          s.append("\\t");
          break;
        case '\n':
          s.append("\\n");
          break;
        case '\f':
          s.append("\\f");
          break;
        case '\r':
          s.append("\\r");
          break;
        default:
          if (c < 0x20) {
            s.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            s.append(c);
          }
      }
    }
    s.append('"');
  }
}
