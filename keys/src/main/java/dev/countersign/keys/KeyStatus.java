package dev.countersign.keys;

import dev.countersign.core.InvalidInputException;
import java.util.Locale;

/**
 * The state of a signing key in a {@link KeyManifest}: {@code active} keys sign now; {@code retired} keys verify
 * only signatures made inside their validity window; {@code revoked} keys are refused from their revocation time.
 */
public enum KeyStatus {
  ACTIVE,
  RETIRED,
  REVOKED;

  /** The manifest's spelling: {@code active}, {@code retired}, {@code revoked}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the manifest's spelling exactly (lower case). */
  public static KeyStatus parse(String s) {
    for (KeyStatus k : values()) {
      if (k.id().equals(s)) {
        return k;
      }
    }
    throw new InvalidInputException("unknown key status '" + s + "' (expected active, retired or revoked)");
  }
}
