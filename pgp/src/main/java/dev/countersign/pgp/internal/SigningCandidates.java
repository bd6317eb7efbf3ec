package dev.countersign.pgp.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/** The keys of a ring (primary and subkeys) that may have made data signatures, newest first. */
public final class SigningCandidates {
  private SigningCandidates() {}

  /**
   * Signing-capable keys of {@code ring} as {@link SignatureKeyCheck} judges them at {@code time}; without a time,
   * every key with valid bindings that carries no verified revocation (expiry is then not judged).
   */
  public static List<PGPPublicKey> of(PGPPublicKeyRing ring, Optional<Instant> time) {
    PGPPublicKey primary = ring.getPublicKey();
    List<PGPPublicKey> out = new ArrayList<>();
    for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
      PGPPublicKey k = it.next();
      if (!KeyValidity.canSign(k.getAlgorithm())) {
        continue;
      }
      boolean ok;
      if (time.isPresent()) {
        ok = SignatureKeyCheck.problem(ring, k, time.get(), time.get()).isEmpty();
      } else {
        Instant created = k.getCreationTime().toInstant();
        ok = SignatureKeyCheck.problem(ring, k, created, created).isEmpty()
            && KeyValidity.revocationOf(primary, primary).isEmpty()
            && (k == primary || KeyValidity.revocationOf(primary, k).isEmpty());
      }
      if (ok) {
        out.add(k);
      }
    }
    out.sort(Comparator.comparing((PGPPublicKey k) -> k.getCreationTime()).reversed());
    return out;
  }
}
