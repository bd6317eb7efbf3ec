package dev.countersign.testing.internal;

import dev.countersign.core.VerificationCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares signed fixture digests with the directory as it is now: added, removed and changed files. */
public final class FixtureComparison {
  private static final int LISTED = 50;

  private FixtureComparison() {}

  /** Three checks, {@code fixtures-added}, {@code fixtures-removed} and {@code fixtures-changed}. */
  public static List<VerificationCheck> compare(Map<String, String> signed, Map<String, String> present) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> e : present.entrySet()) {
      String was = signed.get(e.getKey());
      if (was == null) {
        added.add(e.getKey());
      } else if (!was.equals(e.getValue())) {
        changed.add(e.getKey() + " (signed sha256:" + was + ", now sha256:" + e.getValue() + ")");
      }
    }
    for (String name : signed.keySet()) {
      if (!present.containsKey(name)) {
        removed.add(name);
      }
    }
    return List.of(
        check("fixtures-added", "no file that the manifest does not list", added, signed.size()),
        check("fixtures-removed", "every file the manifest lists", removed, signed.size()),
        check("fixtures-changed", "every file with its signed sha256", changed, signed.size()));
  }

  private static VerificationCheck check(String name, String expected, List<String> found, int total) {
    if (found.isEmpty()) {
      return VerificationCheck.passed(name, total + " signed files");
    }
    String list = found.size() <= LISTED ? String.join(", ", found)
        : String.join(", ", found.subList(0, LISTED)) + " and " + (found.size() - LISTED) + " more";
    return VerificationCheck.failed(name, expected, found.size() + " " + name.substring(9) + ": " + list,
        "re-sign the fixtures if the change is intended");
  }
}
