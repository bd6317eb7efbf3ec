package dev.countersign.pgp.internal.chart;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Go's {@code strconv} number syntax and formatting, as far as go-yaml v2 and sigs.k8s.io/yaml use it. */
public final class GoNumbers {
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

  private GoNumbers() {}

  /** {@code strconv.ParseInt(s, 0, ...)} syntax (sign, 0x/0o/0b or leading-0 octal), or null when not an integer. */
  static BigInteger parseIntBase0(String s) {
    String t = s;
    boolean neg = false;
    if (t.startsWith("+") || t.startsWith("-")) {
      neg = t.charAt(0) == '-';
      t = t.substring(1);
    }
    int radix = 10;
    if (t.length() > 2 && t.charAt(0) == '0' && "xXoObB".indexOf(t.charAt(1)) >= 0) {
      char p = Character.toLowerCase(t.charAt(1));
      radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      t = t.substring(2);
    } else if (t.length() > 1 && t.charAt(0) == '0') {
      radix = 8;
      t = t.substring(1);
    }
    if (t.isEmpty() || t.length() > 70) {
      return null;
    }
    for (int i = 0; i < t.length(); i++) {
      if (Character.digit(t.charAt(i), radix) < 0 || t.charAt(i) > 'z') {
        return null;
      }
    }
    BigInteger v = new BigInteger(t, radix);
    return neg ? v.negate() : v;
  }

  /** A decimal float as {@code strconv.ParseFloat} reads it, or null (not a float, or out of range). */
  static Double parseFloat(String s) {
    if (!DECIMAL_FLOAT.matcher(s).matches()) {
      return null;
    }
    double d = Double.parseDouble(s);
    return Double.isInfinite(d) ? null : d;
  }

  /** {@code strconv.FormatFloat(v, 'g', -1, bits)} (bits 32 or 64). */
  public static String formatG(double v, int bits) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    String shortest = bits == 32 ? Float.toString((float) v) : Double.toString(v);
    BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - d.scale() - 1;
    String sign = d.signum() < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      // %e form with the shortest digits: d.ddde+XX
      String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      String e = String.valueOf(Math.abs(exp));
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return sign + d.abs().toPlainString();
  }
}
