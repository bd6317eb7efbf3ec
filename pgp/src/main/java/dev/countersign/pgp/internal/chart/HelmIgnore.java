package dev.countersign.pgp.internal.chart;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .helmignore} rules with Helm's semantics ({@code pkg/ignore/rules.go}): one Go {@code filepath.Match}
 * glob per line; a pattern without {@code /} matches the base name, with {@code /} the whole relative path, a
 * leading {@code /} anchors at the chart root; a trailing {@code /} matches directories only; {@code !} negates
 * (a non-matching path is then ignored, as in Helm); {@code **} is refused; evaluation stops at the first match.
 */
public final class HelmIgnore {
  private record Rule(Pattern glob, boolean negate, boolean mustDir, boolean base) {}

  private final List<Rule> rules = new ArrayList<>();

  private HelmIgnore() {}

  /** Parses a {@code .helmignore} (may be empty) and adds Helm's default {@code templates/.?*}. */
  public static HelmIgnore parse(byte[] file) {
    HelmIgnore h = new HelmIgnore();
    String text = new String(file, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    for (String line : text.split("\r?\n", -1)) {
      h.add(line);
    }
    h.add("templates/.?*");
    return h;
  }

  private void add(String line) {
    String rule = line.strip();
    if (rule.isEmpty() || rule.startsWith("#")) {
      return;
    }
    if (rule.contains("**")) {
      throw new InvalidInputException(".helmignore: double-star (**) syntax is not supported: " + rule);
    }
    glob(rule); // as Helm: the raw rule must compile
    boolean negate = rule.startsWith("!");
    if (negate) {
      rule = rule.substring(1);
    }
    boolean mustDir = rule.endsWith("/");
    if (mustDir) {
      rule = rule.substring(0, rule.length() - 1);
    }
    boolean base = !rule.contains("/");
    if (rule.startsWith("/")) {
      rule = rule.substring(1);
    }
    rules.add(new Rule(glob(rule), negate, mustDir, base));
  }

  /** Whether Helm ignores {@code path} (relative, {@code /}-separated). */
  public boolean ignore(String path, boolean isDir) {
    if (path.isEmpty() || path.equals(".") || path.equals("./")) {
      return false;
    }
    for (Rule r : rules) {
      String name = r.base() ? path.substring(path.lastIndexOf('/') + 1) : path;
      boolean match = r.glob().matcher(name).matches();
      if (r.negate()) {
        if (r.mustDir() && !isDir) {
          return true;
        }
        if (!match) {
          return true;
        }
        continue;
      }
      if (r.mustDir() && !isDir) {
        continue;
      }
      if (match) {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code filepath.Match} pattern as a regex: {@code *}, {@code ?}, {@code [...]} (with {@code ^}), {@code \}. */
  static Pattern glob(String p) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (++i >= p.length()) {
            throw bad(p);
          }
          re.append(Pattern.quote(String.valueOf(p.charAt(i))));
        }
        case '[' -> {
          int end = i + 1;
          StringBuilder cls = new StringBuilder("[");
          if (end < p.length() && p.charAt(end) == '^') {
            cls.append('^');
            end++;
          }
          int start = end;
          while (end < p.length() && p.charAt(end) != ']') {
            char d = p.charAt(end);
            if (d == '\\') {
              end++;
              if (end >= p.length()) {
                throw bad(p);
              }
              d = p.charAt(end);
              cls.append(Character.isLetterOrDigit(d) ? String.valueOf(d) : "\\" + d);
            } else if (d == '-' && end > start && end + 1 < p.length() && p.charAt(end + 1) != ']') {
              cls.append('-');
            } else {
              cls.append(Character.isLetterOrDigit(d) ? String.valueOf(d) : "\\" + d);
            }
            end++;
          }
          if (end >= p.length() || end == start) {
            throw bad(p);
          }
          re.append(cls).append(']');
          i = end;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static InvalidInputException bad(String p) {
    return new InvalidInputException(".helmignore: syntax error in pattern: " + p);
  }
}
