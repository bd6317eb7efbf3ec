package dev.countersign.core.internal;

import dev.countersign.core.InvalidInputException;
import java.util.Base64;

/**
 * Base64 as Sigstore, DSSE and protobuf-JSON producers write it. Decoding accepts the standard and the URL-safe
 * alphabet, padded or not (protobuf-JSON parsers accept both); encoding always writes standard padded base64.
 */
public final class Base64Text {
  private Base64Text() {}

  /** Standard padded base64 of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Decodes {@code text}; {@code what} names the field in the error message. Whitespace is not allowed inside the
   * text (callers trim where a file may end with a newline).
   */
  public static byte[] decode(String text, String what) {
    if (text == null) {
      throw new InvalidInputException(what + " is missing");
    }
    int len = text.length();
    StringBuilder s = new StringBuilder(len + 3);
    int padding = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == '=') {
        padding++;
        continue;
      }
      if (padding > 0) {
        throw new InvalidInputException(what + " is not valid base64: '=' padding in the middle at offset " + i);
      }
      if (c == '-') {
        c = '+';
      } else if (c == '_') {
        c = '/';
      } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/')) {
        throw new InvalidInputException(what + " is not valid base64: unexpected character "
            + describe(c) + " at offset " + i);
      }
      s.append(c);
    }
    int rem = s.length() % 4;
    if (rem == 1) {
      throw new InvalidInputException(what + " is not valid base64: its length (" + s.length()
          + " characters without padding) is impossible");
    }
    if (padding > 0 && (padding > 2 || (s.length() + padding) % 4 != 0)) {
      throw new InvalidInputException(what + " is not valid base64: wrong '=' padding");
    }
    if (rem == 2) {
      s.append("==");
    } else if (rem == 3) {
      s.append('=');
    }
    try {
      return Base64.getDecoder().decode(s.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(what + " is not valid base64: " + e.getMessage(), e);
    }
  }

  private static String describe(char c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }
}
