package dev.countersign.pgp.internal.chart;

/**
 * libyaml's scalar writers as go-yaml v2 has them ({@code yaml_emitter_write_plain_scalar}, {@code _single_quoted_},
 * {@code _double_quoted_}, {@code _literal_} and the block scalar hints), folding at width 80.
 */
final class GoScalarWriter {
  private GoScalarWriter() {}

  static void write(GoYamlEmitter e, String value, GoScalar.Style style, boolean allowBreaks) {
    int[] v = value.codePoints().toArray();
    switch (style) {
      case PLAIN -> plain(e, v, allowBreaks);
      case SINGLE_QUOTED -> singleQuoted(e, v, allowBreaks);
      case DOUBLE_QUOTED -> doubleQuoted(e, v, allowBreaks);
      case LITERAL -> literal(e, v);
      default -> throw new IllegalStateException(style.toString());
    }
  }

  private static void plain(GoYamlEmitter e, int[] v, boolean allowBreaks) {
    if (!e.whitespace) {
      e.put(' ');
    }
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (c == ' ') {
        if (allowBreaks && !spaces && e.column > GoYamlEmitter.BEST_WIDTH && i + 1 < v.length && v[i + 1] != ' ') {
          e.writeIndent();
        } else {
          e.write(c);
        }
        spaces = true;
      } else if (GoScalar.isBreak(c)) {
        if (!breaks && c == '\n') {
          e.putBreak();
        }
        writeBreak(e, c);
        e.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          e.writeIndent();
        }
        e.write(c);
        e.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    e.whitespace = false;
    e.indention = false;
    if (e.rootContext) {
      e.openEnded = true;
    }
  }

  private static void singleQuoted(GoYamlEmitter e, int[] v, boolean allowBreaks) {
    e.writeIndicator("'", true, false, false);
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (c == ' ') {
        if (allowBreaks && !spaces && e.column > GoYamlEmitter.BEST_WIDTH && i > 0 && i < v.length - 1
            && v[i + 1] != ' ') {
          e.writeIndent();
        } else {
          e.write(c);
        }
        spaces = true;
      } else if (GoScalar.isBreak(c)) {
        if (!breaks && c == '\n') {
          e.putBreak();
        }
        writeBreak(e, c);
        e.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          e.writeIndent();
        }
        if (c == '\'') {
          e.put('\'');
        }
        e.write(c);
        e.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    e.writeIndicator("'", false, false, false);
    e.whitespace = false;
    e.indention = false;
  }

  private static void doubleQuoted(GoYamlEmitter e, int[] v, boolean allowBreaks) {
    boolean spaces = false;
    e.writeIndicator("\"", true, false, false);
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (!GoScalar.isPrintable(c) || c == 0xFEFF || GoScalar.isBreak(c) || c == '"' || c == '\\') {
        e.put('\\');
        escape(e, c);
        spaces = false;
      } else if (c == ' ') {
        if (allowBreaks && !spaces && e.column > GoYamlEmitter.BEST_WIDTH && i > 0 && i < v.length - 1) {
          e.writeIndent();
          if (v[i + 1] == ' ') {
            e.put('\\');
          }
        } else {
          e.write(c);
        }
        spaces = true;
      } else {
        e.write(c);
        spaces = false;
      }
    }
    e.writeIndicator("\"", false, false, false);
    e.whitespace = false;
    e.indention = false;
  }

  private static void escape(GoYamlEmitter e, int c) {
    char simple = switch (c) {
      case 0x00 -> '0';
      case 0x07 -> 'a';
      case 0x08 -> 'b';
      case 0x09 -> 't';
      case 0x0A -> 'n';
      case 0x0B -> 'v';
      case 0x0C -> 'f';
      case 0x0D -> 'r';
      case 0x1B -> 'e';
      case 0x22 -> '"';
      case 0x5C -> '\\';
      case 0x85 -> 'N';
      case 0xA0 -> '_';
      case 0x2028 -> 'L';
      case 0x2029 -> 'P';
      default -> 0;
    };
    if (simple != 0) {
      e.put(simple);
      return;
    }
    int width;
    if (c <= 0xFF) {
      e.put('x');
      width = 2;
    } else if (c <= 0xFFFF) {
      e.put('u');
      width = 4;
    } else {
      e.put('U');
      width = 8;
    }
    for (int k = (width - 1) * 4; k >= 0; k -= 4) {
      int digit = (c >> k) & 0x0F;
      e.put((char) (digit < 10 ? '0' + digit : 'A' + digit - 10));
    }
  }

  private static void literal(GoYamlEmitter e, int[] v) {
    e.writeIndicator("|", true, false, false);
    if (v.length > 0 && (v[0] == ' ' || GoScalar.isBreak(v[0]))) {
      e.writeIndicator(String.valueOf(GoYamlEmitter.BEST_INDENT), false, false, false);
    }
    e.openEnded = false;
    String chomp = null;
    if (v.length == 0 || !GoScalar.isBreak(v[v.length - 1])) {
      chomp = "-";
    } else if (v.length == 1 || GoScalar.isBreak(v[v.length - 2])) {
      chomp = "+";
      e.openEnded = true;
    }
    if (chomp != null) {
      e.writeIndicator(chomp, false, false, false);
    }
    e.putBreak();
    e.indention = true;
    e.whitespace = true;
    boolean breaks = true;
    for (int c : v) {
      if (GoScalar.isBreak(c)) {
        writeBreak(e, c);
        e.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          e.writeIndent();
        }
        e.write(c);
        e.indention = false;
        breaks = false;
      }
    }
  }

  /** {@code write_break}: LF becomes the emitter's line break, other breaks are copied and reset the column. */
  private static void writeBreak(GoYamlEmitter e, int c) {
    if (c == '\n') {
      e.putBreak();
    } else {
      e.out.appendCodePoint(c);
      e.column = 0;
    }
  }
}
