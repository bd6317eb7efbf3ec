package dev.countersign.pgp.internal.repo;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version as Helm's index sorting reads it (Masterminds semver v3 {@code NewVersion}): an optional {@code v},
 * one to three numeric parts (missing ones are 0), an optional pre-release and build metadata. Precedence is
 * SemVer 2.0's; build metadata is ignored, as Masterminds does.
 */
public final class SemVer implements Comparable<SemVer> {
  private static final Pattern GRAMMAR = Pattern.compile("v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
      + "(-([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?(\\+([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?");

  /**
   * Orders version strings newest first as Helm's {@code SortEntries} does; strings that are not versions go last
   * (among themselves, and between equal versions, by the text so the order is deterministic).
   */
  public static final Comparator<String> NEWEST_FIRST = (a, b) -> {
    Optional<SemVer> x = parse(a);
    Optional<SemVer> y = parse(b);
    if (x.isPresent() && y.isPresent()) {
      int c = y.get().compareTo(x.get());
      return c != 0 ? c : a.compareTo(b);
    }
    if (x.isPresent() != y.isPresent()) {
      return x.isPresent() ? -1 : 1;
    }
    return a.compareTo(b);
  };

  private final BigInteger[] numbers;
  private final String[] pre;

  private SemVer(BigInteger[] numbers, String[] pre) {
    this.numbers = numbers;
    this.pre = pre;
  }

  /** Parses {@code text}, or empty when it is not a version. */
  public static Optional<SemVer> parse(String text) {
    if (text == null || text.length() > 256) {
      return Optional.empty();
    }
    Matcher m = GRAMMAR.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigInteger[] n = {new BigInteger(m.group(1)), part(m.group(2)), part(m.group(3))};
    String[] pre = m.group(5) == null ? new String[0] : m.group(5).split("\\.");
    for (String p : pre) {
      if (p.length() > 1 && p.charAt(0) == '0' && p.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
    }
    return Optional.of(new SemVer(n, pre));
  }

  private static BigInteger part(String dotted) {
    return dotted == null ? BigInteger.ZERO : new BigInteger(dotted.substring(1));
  }

  @Override
  public int compareTo(SemVer o) {
    for (int i = 0; i < 3; i++) {
      int c = numbers[i].compareTo(o.numbers[i]);
      if (c != 0) {
        return c;
      }
    }
    if (pre.length == 0 || o.pre.length == 0) {
      return Integer.compare(o.pre.length == 0 ? 0 : 1, pre.length == 0 ? 0 : 1);
    }
    for (int i = 0; i < Math.min(pre.length, o.pre.length); i++) {
      int c = comparePart(pre[i], o.pre[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pre.length, o.pre.length);
  }

  private static int comparePart(String a, String b) {
    boolean na = a.chars().allMatch(Character::isDigit);
    boolean nb = b.chars().allMatch(Character::isDigit);
    if (na && nb) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return a.compareTo(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemVer && compareTo((SemVer) o) == 0;
  }

  @Override
  public int hashCode() {
    return numbers[0].hashCode() * 31 + numbers[1].hashCode() * 7 + numbers[2].hashCode() + pre.length;
  }

  @Override
  public String toString() {
    return numbers[0] + "." + numbers[1] + "." + numbers[2] + (pre.length == 0 ? "" : "-" + String.join(".", pre));
  }
}
