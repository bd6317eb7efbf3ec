package dev.countersign.oci.internal.attestation;

import java.util.function.Predicate;

/** How a requested predicate type matches a decoded one. */
public final class TypeMatch {
  private TypeMatch() {}

  /** A matcher for {@code requested}; refuses a requested type that is not usable. */
  public static Predicate<String> matcher(String requested) {
    return requested::equals;
  }
}
