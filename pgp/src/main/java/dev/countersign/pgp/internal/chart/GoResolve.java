package dev.countersign.pgp.internal.chart;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * go-yaml v2's implicit typing of plain scalars ({@code resolve.go}): which plain text reads as null, bool, int,
 * float or (for the encoder's quoting decision) timestamp. Values are Java {@code null}, {@link Boolean},
 * {@link Long}, {@link BigInteger} (uint64 beyond int64), {@link Double}, or the {@link String} itself.
 */
public final class GoResolve {
  /** The kind a plain scalar resolves to. */
  public enum Kind { NULL, BOOL, INT, FLOAT, TIMESTAMP, STR }

  private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On",
      "ON");
  private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off",
      "OFF");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> SPECIAL_FLOAT = Set.of(".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf",
      "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
  private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
  private static final Pattern DATE = Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern TIME_TZ = Pattern.compile("^[Tt]\\d{1,2}:\\d{1,2}:\\d{1,2}([.,]\\d+)?(Z|[+-]\\d{2}:\\d{2})$");
  private static final Pattern TIME_LOCAL = Pattern.compile("^ \\d{1,2}:\\d{1,2}:\\d{1,2}([.,]\\d+)?$");
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GoResolve() {}

  /** The kind {@code resolve("", s)} gives for plain text {@code s}. */
  public static Kind kind(String s) {
    Object v = value(s);
    if (v == TIMESTAMP_MARK) {
      return Kind.TIMESTAMP;
    }
    if (v == null) {
      return Kind.NULL;
    }
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Long || v instanceof BigInteger) {
      return Kind.INT;
    }
    if (v instanceof Double) {
      return Kind.FLOAT;
    }
    return Kind.STR;
  }

  /** The value a plain scalar decodes to into {@code interface{}} (timestamps stay strings, as go-yaml v2 does). */
  public static Object decode(String s) {
    Object v = value(s);
    return v == TIMESTAMP_MARK ? s : v;
  }

  /** Whether go-yaml v2's encoder would emit {@code s} unquoted: it resolves to a string and is no base-60 float. */
  public static boolean canBePlain(String s) {
    return kind(s) == Kind.STR && !(isBase60Candidate(s) && BASE60.matcher(s).matches());
  }

  private static boolean isBase60Candidate(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return (c == '+' || c == '-' || c >= '0' && c <= '9') && s.indexOf(':') >= 0;
  }

  private static final Object TIMESTAMP_MARK = new Object();

  private static Object value(String in) {
    char hint = in.isEmpty() ? 'N' : hint(in.charAt(0));
    if (hint == 0) {
      return in;
    }
    if (NULL.contains(in)) {
      return null;
    }
    if (TRUE.contains(in)) {
      return Boolean.TRUE;
    }
    if (FALSE.contains(in)) {
      return Boolean.FALSE;
    }
    if (SPECIAL_FLOAT.contains(in)) {
      return in.contains("nan") || in.contains("NaN") || in.contains("NAN") ? Double.NaN
          : in.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (hint == '.') {
      Double d = GoNumbers.parseFloat(in);
      return d != null ? d : in;
    }
    if (hint == 'D' || hint == 'S') {
      if (isTimestamp(in)) {
        return TIMESTAMP_MARK;
      }
      String plain = in.replace("_", "");
      BigInteger i = GoNumbers.parseIntBase0(plain);
      if (i != null) {
        if (i.bitLength() < 64) {
          return i.longValue();
        }
        if (i.signum() > 0 && i.compareTo(UINT64_MAX) <= 0) {
          return i;
        }
      }
      if (YAML_FLOAT.matcher(plain).matches()) {
        Double d = GoNumbers.parseFloat(plain);
        if (d != null) {
          return d;
        }
      }
    }
    return in;
  }

  private static char hint(char c) {
    if (c == '+' || c == '-') {
      return 'S';
    }
    if (c >= '0' && c <= '9') {
      return 'D';
    }
    if ("yYnNtTfFoO~".indexOf(c) >= 0) {
      return 'M';
    }
    return c == '.' ? '.' : 0;
  }

  /** go-yaml v2's {@code parseTimestamp}: the four layouts it tries, with Go's range checks. */
  static boolean isTimestamp(String s) {
    var m = DATE.matcher(s);
    if (!m.find()) {
      return false;
    }
    try {
      LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      return false;
    }
    String rest = s.substring(m.end());
    if (rest.isEmpty()) {
      return true;
    }
    if (!TIME_TZ.matcher(rest).matches() && !TIME_LOCAL.matcher(rest).matches()) {
      return false;
    }
    String[] hms = rest.substring(1).split("[:.,Z+-]");
    return Integer.parseInt(hms[0]) < 24 && Integer.parseInt(hms[1]) < 60 && Integer.parseInt(hms[2]) < 60;
  }
}
