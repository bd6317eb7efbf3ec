package dev.countersign.keys.internal.ceremony;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/** Published file names: {@code pubkey-YYYY-MM-DD.pem} (UTC date the window starts), then {@code -2}, {@code -3}. */
public final class PemFileNames {
  private static final int MAX_SUFFIX = 1000;

  private PemFileNames() {}

  /** The first name for a key whose window starts at {@code start} that is not in {@code taken}. */
  public static String next(Instant start, Set<String> taken) {
    String base = "pubkey-" + start.atOffset(ZoneOffset.UTC).toLocalDate();
    if (!taken.contains(base + ".pem")) {
      return base + ".pem";
    }
    for (int i = 2; i <= MAX_SUFFIX; i++) {
      String name = base + "-" + i + ".pem";
      if (!taken.contains(name)) {
        return name;
      }
    }
    throw new dev.countersign.core.InvalidInputException("more than " + MAX_SUFFIX + " keys published for "
        + base);
  }
}
