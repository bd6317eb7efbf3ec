package dev.countersign.oci.internal.attestation;

import dev.countersign.core.intoto.PredicateTypes;
import java.util.function.Predicate;

/**
 * How a requested predicate type matches a decoded one: core's {@link PredicateTypes} rules (cosign shortcuts
 * resolved, exact URI match, versioned CycloneDX/SPDX/OpenVEX URIs matching their unversioned type).
 */
public final class TypeMatch {
  private TypeMatch() {}

  /** A matcher for {@code requested}; a value that is neither a URI nor a shortcut is an InvalidInputException. */
  public static Predicate<String> matcher(String requested) {
    String wanted = PredicateTypes.resolve(requested);
    return actual -> actual != null && PredicateTypes.matches(wanted, actual);
  }
}
