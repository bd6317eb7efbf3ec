package dev.countersign.keys.internal.resolver;

import dev.countersign.core.KeyQuery;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.keys.KeyDecision;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies the key selection rules to a verified manifest. Keys match a query by key id, else by a hint equal to a
 * key id or a published file name (a hint matching nothing is ignored: hints are not trusted). With a signing time
 * {@code t}: a key is refused when {@code t} is before its window ({@code not-yet-valid}), at or after its end
 * ({@code window-ended}), or at or after its revocation ({@code revoked}). Without a time: a key whose window has
 * not begun at {@code now} is refused, revoked keys are refused ({@code revoked-no-time}) and retired keys (and
 * active keys whose window ended before {@code now}: {@code window-ended-no-time}) are accepted unless the policy
 * says otherwise. OpenPGP-fingerprint keys are not offered here ({@code pgp-not-here}):
 * they are verified through the PGP keyring path. Accepted keys come active first, then retired, then revoked.
 */
public final class KeySelector {
  private final boolean acceptRetiredWithoutTime;

  public KeySelector(boolean acceptRetiredWithoutTime) {
    this.acceptRetiredWithoutTime = acceptRetiredWithoutTime;
  }

  /** The decisions for every key matching {@code query}; accepted ones first, best first. */
  public List<KeyDecision> decide(KeyManifest manifest, KeyQuery query, Instant now) {
    return decide(manifest, query, now, false);
  }

  /**
   * Like {@link #decide(KeyManifest, KeyQuery, Instant)} for the OpenPGP-fingerprint keys only (verified through
   * their published keyring), under the same window and status rules.
   */
  public List<KeyDecision> decidePgp(KeyManifest manifest, KeyQuery query, Instant now) {
    return decide(manifest, query, now, true);
  }

  private List<KeyDecision> decide(KeyManifest manifest, KeyQuery query, Instant now, boolean pgp) {
    List<ManifestKey> matching = matching(manifest, query);
    if (pgp) {
      matching.removeIf(k -> k.publicKey().isPresent());
    }
    List<KeyDecision> refused = new ArrayList<>();
    List<KeyDecision> acceptedDecisions = new ArrayList<>();
    matching.sort(Comparator.comparing(ManifestKey::status));
    for (ManifestKey k : matching) {
      KeyDecision d = decide(k, query.time().orElse(null), now, pgp);
      if (d.accepted()) {
        acceptedDecisions.add(d);
      } else {
        refused.add(d);
      }
    }
    acceptedDecisions.addAll(refused);
    return acceptedDecisions;
  }

  /** Verifiers for the accepted keys among {@code decisions}, in order. */
  public static List<Verifier> verifiers(KeyManifest manifest, List<KeyDecision> decisions) {
    List<Verifier> out = new ArrayList<>();
    for (KeyDecision d : decisions) {
      if (d.accepted()) {
        for (ManifestKey k : manifest.keys()) {
          if (k.keyId().equals(d.keyId())) {
            out.add(Verifiers.of(k.publicKey().orElseThrow(), k.algorithm()));
          }
        }
      }
    }
    return out;
  }

  private static List<ManifestKey> matching(KeyManifest manifest, KeyQuery query) {
    List<ManifestKey> out = new ArrayList<>();
    if (query.keyId().isPresent()) {
      for (ManifestKey k : manifest.keys()) {
        if (k.keyId().equals(query.keyId().get())) {
          out.add(k);
        }
      }
      return out;
    }
    if (query.hint().isPresent()) {
      String hint = query.hint().get();
      for (ManifestKey k : manifest.keys()) {
        if (k.keyId().value().equals(hint) || k.files().contains(hint)) {
          out.add(k);
        }
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    out.addAll(manifest.keys());
    return out;
  }

  private KeyDecision decide(ManifestKey k, Instant time, Instant now, boolean pgp) {
    if (!pgp && k.publicKey().isEmpty()) {
      return KeyDecision.refused(k, "pgp-not-here", "an OpenPGP key (" + k.pgpFingerprint().orElse("?")
          + "); verify through its keyring");
    }
    String window = "[" + k.validFrom() + ", " + k.validUntil().map(Instant::toString).orElse("open") + ")";
    if (time == null) {
      if (now.isBefore(k.validFrom())) {
        return KeyDecision.refused(k, "not-yet-valid", "no signing time; window " + window + " begins after now");
      }
      switch (k.status()) {
        case REVOKED:
          return KeyDecision.refused(k, "revoked-no-time", "revoked at " + k.revokedAt().orElseThrow()
              + " and the signing time is unknown");
        case RETIRED:
          return acceptRetiredWithoutTime
              ? KeyDecision.accepted(k, "retired-no-time", "no signing time; retired keys accepted by policy")
              : KeyDecision.refused(k, "retired-no-time-refused", "no signing time; policy refuses retired keys");
        default:
          if (k.validUntil().isPresent() && !now.isBefore(k.validUntil().get())) {
            // Past its window but never retired: without a signing time it is a retired key in all but name.
            return acceptRetiredWithoutTime
                ? KeyDecision.accepted(k, "window-ended-no-time", "no signing time; window " + window
                    + " ended; accepted by policy as a retired key")
                : KeyDecision.refused(k, "window-ended-no-time-refused", "no signing time; window " + window
                    + " ended; policy refuses retired keys");
          }
          return KeyDecision.accepted(k, "active-no-time", "no signing time; active key");
      }
    }
    if (time.isBefore(k.validFrom())) {
      return KeyDecision.refused(k, "not-yet-valid", "signed at " + time + ", before the window " + window);
    }
    if (k.validUntil().isPresent() && !time.isBefore(k.validUntil().get())) {
      return KeyDecision.refused(k, "window-ended", "signed at " + time + ", after the window " + window);
    }
    if (k.status() == KeyStatus.REVOKED) {
      Instant at = k.revokedAt().orElseThrow();
      return time.isBefore(at)
          ? KeyDecision.accepted(k, "signed-before-revocation", "signed at " + time + ", before revocation at " + at)
          : KeyDecision.refused(k, "revoked", "signed at " + time + ", at or after revocation at " + at + " ("
              + k.reason().orElse("") + ")");
    }
    return KeyDecision.accepted(k, k.status() == KeyStatus.RETIRED ? "retired-in-window" : "active-in-window",
        "signed at " + time + ", inside the window " + window);
  }
}
