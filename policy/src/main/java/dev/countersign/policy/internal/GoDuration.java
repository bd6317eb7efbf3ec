package dev.countersign.policy.internal;

import dev.countersign.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} syntax, as Kubernetes and cosign use: a sequence of decimal numbers with units
 * {@code ns, us, µs, ms, s, m, h} ({@code 720h}, {@code 1h30m}, {@code 1.5h}). Negative and zero durations and
 * durations over 100 years are refused: a maximum age must be positive and meaningful.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Duration MAX = Duration.ofDays(36_525);

  private GoDuration() {}

  /** Parses {@code text}; {@code where} names the field in messages. */
  public static Duration parse(String text, String where) {
    if (text == null || text.isEmpty()) {
      throw new InvalidInputException(where + " is empty; expected a duration such as 720h or 30m");
    }
    Matcher m = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new InvalidInputException(where + " is not a duration: '" + text
            + "' (expected a number and a unit ns, us, ms, s, m or h, e.g. 720h or 1h30m)");
      }
      nanos = nanos.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
          .multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      at = m.end();
    }
    if (nanos.signum() == 0) {
      throw new InvalidInputException(where + " must be positive, got " + text);
    }
    if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos() / 1_000_000).multiply(BigDecimal.valueOf(1_000_000))) > 0) {
      throw new InvalidInputException(where + " is longer than 100 years: " + text);
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** Formats a duration the way Go prints it for whole units ({@code 720h0m0s} is written {@code 720h}). */
  public static String format(Duration d) {
    StringBuilder s = new StringBuilder();
    long h = d.toHours();
    long m = d.toMinutesPart();
    long sec = d.toSecondsPart();
    long ns = d.toNanosPart();
    if (h > 0) {
      s.append(h).append('h');
    }
    if (m > 0) {
      s.append(m).append('m');
    }
    if (sec > 0 || ns > 0) {
      s.append(ns == 0 ? String.valueOf(sec) : BigDecimal.valueOf(sec).add(BigDecimal.valueOf(ns, 9))
          .stripTrailingZeros().toPlainString()).append('s');
    }
    return s.length() == 0 ? "0s" : s.toString();
  }

  private static long unitNanos(String unit) {
    switch (unit) {
      case "ns":
        return 1L;
      case "us":
      case "µs":
      case "μs":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      default:
        return 3_600_000_000_000L;
    }
  }
}
