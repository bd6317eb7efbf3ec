package dev.countersign.core.internal.dsse;

import dev.countersign.core.KeyId;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a {@link KeyResolver} for the keys that may have made a signature. The signature's key id or bundle hint
 * is passed as a hint and only orders the candidates (a trusted key whose id equals the hint comes first); it
 * never adds or removes a key.
 */
public final class Candidates {
  private Candidates() {}

  /** Trusted keys for {@code hint} (may be null), a key whose id equals the hint first. */
  public static List<Verifier> resolve(KeyResolver resolver, String hint) {
    return resolve(resolver, hint, null);
  }

  /** Trusted keys for {@code hint} valid at the trusted signing {@code time} (either may be null). */
  public static List<Verifier> resolve(KeyResolver resolver, String hint, Instant time) {
    List<Verifier> found;
    try {
      found = resolver.resolve(KeyQuery.builder().hint(hint).time(time).build());
    } catch (KeyNotFoundException e) {
      found = List.of();
    }
    List<Verifier> out = new ArrayList<>();
    if (found == null) {
      return out;
    }
    for (Verifier v : found) {
      if (v != null && matches(v, hint)) {
        out.add(v);
      }
    }
    for (Verifier v : found) {
      if (v != null && !matches(v, hint)) {
        out.add(v);
      }
    }
    return out;
  }

  /** Whether {@code hint} is exactly the id of the verifier's key. */
  public static boolean matches(Verifier v, String hint) {
    return hint != null && !hint.isBlank() && v.keyId().matches(KeyId.parse(hint));
  }

  /** A resolver over fixed keys followed by another resolver's keys (either may be absent). */
  public static KeyResolver combine(List<Verifier> fixed, KeyResolver other) {
    KeyResolver fixedResolver = KeyResolver.of(fixed.toArray(new Verifier[0]));
    if (other == null) {
      return fixedResolver;
    }
    return query -> {
      List<Verifier> all = new ArrayList<>(fixedResolver.resolve(query));
      List<Verifier> more = other.resolve(query);
      if (more != null) {
        all.addAll(more);
      }
      return all;
    };
  }
}
