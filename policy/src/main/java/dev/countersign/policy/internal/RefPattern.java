package dev.countersign.policy.internal;

import dev.countersign.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A git ref pattern from a policy: a full ref name ({@code refs/heads/main}) with glob wildcards, matched against
 * the whole ref. {@code *} matches any characters except {@code /}, {@code **} matches any characters including
 * {@code /}, {@code ?} matches one character except {@code /}; everything else is literal. So
 * {@code refs/tags/v*} matches {@code refs/tags/v1.2.0} but not {@code refs/tags/v1/rc}, and
 * {@code refs/heads/release/**} matches every branch under {@code release/}.
 */
public final class RefPattern {
  private final String text;
  private final Pattern regex;

  private RefPattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /** Compiles a pattern; {@code where} names it in messages. */
  public static RefPattern compile(String text, String where) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(where + " is empty");
    }
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
      throw new InvalidInputException(where + " contains whitespace or control characters: " + text.strip());
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new RefPattern(text, Pattern.compile(re.toString()));
  }

  /** Whether {@code ref} matches the whole pattern. */
  public boolean matches(String ref) {
    return ref != null && regex.matcher(ref).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
