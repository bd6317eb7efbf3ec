package dev.countersign.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the verification keys that may have made a signature. Resolvers hold a fixed set of keys, a keyring, a
 * published key directory or a rotation manifest; the query narrows by key id, hint and signing time. A resolver
 * returns candidates in preference order; the caller tries each and the key id is only ever a hint.
 */
@FunctionalInterface
public interface KeyResolver {
  /** Keys matching {@code query}, best first; empty when none match (never null). */
  List<Verifier> resolve(KeyQuery query);

  /**
   * The single best key for {@code query}.
   *
   * @throws KeyNotFoundException when none matches
   */
  default Verifier resolveOne(KeyQuery query) {
    List<Verifier> found = resolve(query);
    if (found.isEmpty()) {
      throw new KeyNotFoundException("no key matches " + query);
    }
    return found.get(0);
  }

  /**
   * A resolver over a fixed set of keys. A query with a key id returns the key with that id; a hint that is not
   * any key's id is ignored (hints are not trusted); the time is ignored (fixed keys have no validity window).
   */
  static KeyResolver of(Verifier... verifiers) {
    List<Verifier> keys = List.of(verifiers);
    return query -> {
      if (query.keyId().isEmpty()) {
        return keys;
      }
      List<Verifier> out = new ArrayList<>();
      for (Verifier v : keys) {
        if (v.keyId().matches(query.keyId().get())) {
          out.add(v);
        }
      }
      return out;
    };
  }
}
