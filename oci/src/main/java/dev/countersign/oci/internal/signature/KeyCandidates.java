package dev.countersign.oci.internal.signature;

import dev.countersign.core.CountersignException;
import dev.countersign.core.KeyId;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.KeyType;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trusted keys to try for one signature: those matching a key-id hint first, then every other key. */
public final class KeyCandidates {
  private KeyCandidates() {}

  /** Candidates for a signature with an optional (untrusted) key id hint. */
  public static List<Verifier> resolve(KeyResolver keys, String hint) {
    return resolve(keys, hint, null);
  }

  /** Candidates valid at the trusted signing {@code time} (null: unknown; the resolver's policy decides). */
  public static List<Verifier> resolve(KeyResolver keys, String hint, Instant time) {
    Map<String, Verifier> out = new LinkedHashMap<>();
    if (hint != null && !hint.isBlank()) {
      try {
        keys.resolve(KeyQuery.builder().keyId(KeyId.parse(hint)).time(time).build())
            .forEach(v -> out.putIfAbsent(v.keyId().value(), v));
      } catch (CountersignException e) {
        // an unusable hint only loses the ordering
      }
    }
    keys.resolve(KeyQuery.builder().time(time).build()).forEach(v -> out.putIfAbsent(v.keyId().value(), v));
    return new ArrayList<>(out.values());
  }

  /**
   * The algorithms to try a legacy signature with: the key's own, and for P-384/P-521 also SHA-256, which
   * {@code cosign sign} uses for every ECDSA key.
   */
  public static List<Verifier> withCosignHashes(Verifier v) {
    List<Verifier> out = new ArrayList<>(List.of(v));
    if (v.algorithm().keyType() == KeyType.EC) {
      for (SignatureAlgorithm a : List.of(SignatureAlgorithm.ECDSA_P384_SHA256, SignatureAlgorithm.ECDSA_P521_SHA256)) {
        if (a != v.algorithm() && a.accepts(v.publicKey())) {
          out.add(Verifiers.of(v.publicKey(), a));
        }
      }
    }
    return out;
  }
}
