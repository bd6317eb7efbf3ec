package dev.countersign.oci.internal.attestation;

import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.oci.internal.signature.KeyCandidates;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What every attestation on an image is checked against: the trusted keys, how many distinct ones must have
 * signed, the predicate type asked for (null: any) and the largest envelope or bundle read.
 *
 * @param keys trusted keys
 * @param threshold distinct trusted keys required per envelope
 * @param type the requested predicate type as given (for messages), or null
 * @param typeMatches whether a decoded predicate type is the requested one
 * @param maxBytes the cap on an envelope layer or bundle layer
 * @param timestamps trusted RFC 3161 timestamps (null: timestamps are only noted)
 */
public record AttestationExpectations(KeyResolver keys, int threshold, String type, Predicate<String> typeMatches,
    int maxBytes, TrustedTimestamps timestamps) {

  /** Without trusted timestamps. */
  public AttestationExpectations(KeyResolver keys, int threshold, String type, Predicate<String> typeMatches,
      int maxBytes) {
    this(keys, threshold, type, typeMatches, maxBytes, null);
  }

  /** {@link #withCosignHashes()} asking for keys valid at the trusted signing {@code time} (null: unknown). */
  public KeyResolver withCosignHashes(Instant time) {
    KeyResolver all = withCosignHashes();
    if (time == null) {
      return all;
    }
    return query -> all.resolve(KeyQuery.builder().keyId(query == null ? null : query.keyId().orElse(null))
        .hint(query == null ? null : query.hint().orElse(null)).time(time).build());
  }

  /**
   * The resolver {@code DsseVerifier} is given: each trusted key, and for P-384/P-521 keys also its SHA-256
   * variant, the hash {@code cosign attest} signs with for every ECDSA key. Variants share the key id, so they
   * never count twice towards the threshold.
   */
  public KeyResolver withCosignHashes() {
    return query -> {
      List<Verifier> out = new ArrayList<>();
      List<Verifier> found = keys.resolve(query == null ? KeyQuery.any() : query);
      if (found != null) {
        for (Verifier v : found) {
          if (v != null) {
            out.addAll(KeyCandidates.withCosignHashes(v));
          }
        }
      }
      return out;
    };
  }
}
