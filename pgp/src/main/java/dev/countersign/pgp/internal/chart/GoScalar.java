package dev.countersign.pgp.internal.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * One scalar as go-yaml v2 emits it: the text, the style its encoder asks for ({@code stringv}: literal when it
 * has a newline, plain when it would read back as the same string, else double-quoted) and libyaml's analysis
 * ({@code yaml_emitter_analyze_scalar}) that may overrule that style.
 */
record GoScalar(String value, Style requested, boolean multiline, boolean blockPlainAllowed,
    boolean singleQuotedAllowed, boolean blockAllowed) {

  enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL }

  static GoScalar of(JsonNode n) {
    if (n.isTextual()) {
      return ofString(n.textValue());
    }
    if (n.isBoolean()) {
      return analyze(n.booleanValue() ? "true" : "false", Style.PLAIN);
    }
    if (n.isIntegralNumber()) {
      return analyze(n.bigIntegerValue().toString(), Style.PLAIN);
    }
    if (n.isNumber()) {
      String s = GoNumbers.formatG(n.doubleValue(), 64);
      s = switch (s) {
        case "+Inf" -> ".inf";
        case "-Inf" -> "-.inf";
        case "NaN" -> ".nan";
        default -> s;
      };
      return analyze(s, Style.PLAIN);
    }
    if (n.isNull()) {
      return analyze("null", Style.PLAIN);
    }
    throw new IllegalArgumentException("not a YAML scalar: " + n.getNodeType());
  }

  static GoScalar ofString(String s) {
    Style style = s.indexOf('\n') >= 0 ? Style.LITERAL : GoResolve.canBePlain(s) ? Style.PLAIN : Style.DOUBLE_QUOTED;
    return analyze(s, style);
  }

  int utf8Length() {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code yaml_emitter_select_scalar_style} outside flow context. */
  Style select(boolean simpleKey) {
    Style style = requested;
    if (simpleKey && multiline) {
      style = Style.DOUBLE_QUOTED;
    }
    if (style == Style.PLAIN && (!blockPlainAllowed || value.isEmpty() && simpleKey)) {
      style = Style.SINGLE_QUOTED;
    }
    if (style == Style.SINGLE_QUOTED && !singleQuotedAllowed) {
      style = Style.DOUBLE_QUOTED;
    }
    if (style == Style.LITERAL && (!blockAllowed || simpleKey)) {
      style = Style.DOUBLE_QUOTED;
    }
    return style;
  }

  static boolean isPrintable(int c) {
    return c == 0x0A || c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xD7FF
        || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF;
  }

  static boolean isBreak(int c) {
    return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  static boolean isBlank(int c) {
    return c == ' ' || c == '\t';
  }

  private static GoScalar analyze(String s, Style requested) {
    if (s.isEmpty()) {
      return new GoScalar(s, requested, false, true, true, false);
    }
    int[] v = s.codePoints().toArray();
    boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
    boolean lineBreaks = false;
    boolean special = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean precededByWhitespace = true;
    boolean previousSpace = false;
    boolean previousBreak = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      boolean followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
      boolean last = i + 1 == v.length;
      if (i == 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
          blockIndicators = true;
        } else if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
          blockIndicators = true;
        }
      } else if (c == ':' && followedByWhitespace || c == '#' && precededByWhitespace) {
        blockIndicators = true;
      }
      if (!isPrintable(c)) {
        special = true;
      }
      if (c == ' ') {
        leadingSpace |= i == 0;
        trailingSpace |= last;
        breakSpace |= previousBreak;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(c)) {
        lineBreaks = true;
        leadingBreak |= i == 0;
        trailingBreak |= last;
        spaceBreak |= previousSpace;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlank(c) || isBreak(c) || c == 0;
    }
    boolean blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace
        || spaceBreak || special || lineBreaks || blockIndicators);
    boolean singleQuoted = !(breakSpace || spaceBreak || special);
    boolean block = !(trailingSpace || spaceBreak || special);
    return new GoScalar(s, requested, lineBreaks, blockPlain, singleQuoted, block);
  }
}
