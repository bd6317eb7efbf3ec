package dev.countersign.core.spi;

import dev.countersign.core.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A key reference as users write it after {@code --key}: a URI with a scheme ({@code awskms:///alias/release},
 * {@code pgp://...}, {@code file:///keys/cosign.key}) or a plain path ({@code cosign.key}), which means the
 * {@code file} scheme. The scheme routes the reference to one {@link KeyProvider}.
 */
public final class KeyReference {
  /** Scheme of plain paths. */
  public static final String FILE = "file";
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

  private final String scheme;
  private final String text;

  private KeyReference(String scheme, String text) {
    this.scheme = scheme;
    this.text = text;
  }

  /** Parses a reference; anything without {@code scheme://} is a file path. */
  public static KeyReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("key reference is empty");
    }
    var m = SCHEME.matcher(text);
    String scheme = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : FILE;
    return new KeyReference(scheme, text);
  }

  /** The lower-case scheme, {@code file} for plain paths. */
  public String scheme() {
    return scheme;
  }

  /** The reference exactly as given. */
  public String text() {
    return text;
  }

  /** The part after {@code scheme://}, or the whole text for a plain path. */
  public String schemeSpecificPart() {
    var m = SCHEME.matcher(text);
    return m.find() ? text.substring(m.end()) : text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyReference && text.equals(((KeyReference) o).text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
