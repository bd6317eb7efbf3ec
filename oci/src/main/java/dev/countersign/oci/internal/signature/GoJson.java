package dev.countersign.oci.internal.signature;

import dev.countersign.core.InvalidInputException;

/**
 * JSON string encoding exactly as Go's {@code encoding/json} writes it (which is how cosign serialises payloads):
 * {@code "} and {@code \} escaped, {@code \n \r \t} as short escapes, other control characters and {@code < > &}
 * and U+2028/U+2029 as {@code \}{@code u00XX}. Lone surrogates are refused (Go would silently write U+FFFD).
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  /** Appends {@code s} as a quoted JSON string. */
  public static void appendString(StringBuilder out, String s, String what) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
          continue;
        }
        throw new InvalidInputException(what + " contains an unpaired surrogate at index " + i);
      }
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** Compares strings by their UTF-8 bytes, the order Go's {@code sort.Strings} gives map keys. */
  public static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
