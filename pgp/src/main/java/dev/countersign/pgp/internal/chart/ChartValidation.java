package dev.countersign.pgp.internal.chart;

import dev.countersign.core.InvalidInputException;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helm's {@code Metadata.Validate} helpers: string sanitising, the SemVer check and the alias format. */
public final class ChartValidation {
  /** Masterminds semver v3 {@code NewVersion} with coercion on (its default since 3.4), as Helm uses it. */
  private static final Pattern SEMVER = Pattern.compile("^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
      + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$");
  private static final Pattern ALIAS = Pattern.compile("^[a-zA-Z0-9_-]+$");
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private ChartValidation() {}

  /** Go's {@code sanitizeString}: Unicode white space becomes a space, other non-printable characters are dropped. */
  public static String sanitize(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (isGoSpace(c)) {
        b.append(' ');
      } else if (isGoPrint(c)) {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  /** Go's {@code unicode.IsSpace}. */
  static boolean isGoSpace(int c) {
    return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xA0
        || c == 0x1680 || c >= 0x2000 && c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
        || c == 0x3000;
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  static boolean isGoPrint(int c) {
    if (c == ' ') {
      return true;
    }
    switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER,
          Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  /** Whether Helm accepts {@code v} as a chart version (Masterminds {@code semver.NewVersion}). */
  public static boolean isValidSemver(String v) {
    Matcher m = SEMVER.matcher(v);
    if (!m.matches()) {
      return false;
    }
    for (int g = 1; g <= 3; g++) {
      String part = m.group(g);
      if (part != null && new BigInteger(part.startsWith(".") ? part.substring(1) : part).compareTo(UINT64_MAX) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Helm's dependency alias format. */
  public static boolean isValidAlias(String alias) {
    return ALIAS.matcher(alias).matches();
  }

  /** Helm's name rule ({@code name == filepath.Base(name)}, not {@code .} or {@code ..}), and no {@code \}. */
  public static void checkName(String name, String what) {
    if (name.isEmpty()) {
      throw new InvalidInputException(what + " is required");
    }
    if (name.equals(".") || name.equals("..")) {
      throw new InvalidInputException(what + " \"" + name + "\" is not allowed");
    }
    if (name.contains("/") || name.contains("\\")) {
      throw new InvalidInputException(what + " \"" + name + "\" is invalid: it must not contain a path separator");
    }
  }
}
