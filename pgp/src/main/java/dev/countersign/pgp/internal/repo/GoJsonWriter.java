package dev.countersign.pgp.internal.repo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import java.util.Iterator;
import java.util.Map;

/**
 * Compact JSON as Go's {@code encoding/json} writes it: members in the order given, strings with {@code < > &}
 * and U+2028/U+2029 escaped as {@code \}{@code u00XX}, other control characters escaped. Helm's OCI config and
 * manifest are written this way, so the same chart gives the same digests as {@code helm push}.
 */
public final class GoJsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJsonWriter() {}

  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    append(out, node);
    return out.toString();
  }

  private static void append(StringBuilder out, JsonNode node) {
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.append(first ? "" : ",");
        first = false;
        string(out, e.getKey());
        out.append(':');
        append(out, e.getValue());
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i == 0 ? "" : ",");
        append(out, node.get(i));
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(out, node.textValue());
    } else if (node.isNumber() || node.isBoolean() || node.isNull()) {
      out.append(node.toString());
    } else {
      throw new InvalidInputException("cannot write a " + node.getNodeType() + " as JSON");
    }
  }

  /** Appends {@code s} quoted and escaped as Go does. */
  public static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
          continue;
        }
        throw new InvalidInputException("string contains an unpaired surrogate at index " + i);
      }
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
            .append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
