package dev.countersign.pgp;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.pgp.internal.JdkKeys;
import dev.countersign.pgp.internal.SigningCandidates;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * A {@link KeyResolver} over OpenPGP keys: every signing-capable key (primary or subkey with a valid binding and
 * back-signature) as a raw-key {@link Verifier} (RSA PKCS#1 v1.5 SHA-256, ECDSA with the curve's hash, Ed25519),
 * for cosign-style signatures made with a {@code pgp://} key. A query's time drops keys revoked, expired or not
 * yet created at that time; without a time, revoked keys are dropped and expiry is not judged. The key id
 * narrows by core {@code KeyId}; hints are ignored. Candidates come newest first. Immutable.
 */
public final class PgpKeyResolver implements KeyResolver {
  private final List<PgpKey> keys;

  private PgpKeyResolver(List<PgpKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** A resolver over the keys of {@code keyring}. */
  public static PgpKeyResolver of(PgpKeyring keyring) {
    return new PgpKeyResolver(Objects.requireNonNull(keyring, "keyring").keys());
  }

  /** A resolver over the given keys. */
  public static PgpKeyResolver of(List<PgpKey> keys) {
    return new PgpKeyResolver(Objects.requireNonNull(keys, "keys"));
  }

  /**
   * A resolver over a directory of published {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} files, each checked as
   * {@link PublishedKeyrings#importFile} does, read now; revoked keys are left out.
   */
  public static PgpKeyResolver directory(Path dir) {
    // expiry is judged per query, so read the directory as of a time before any key expired
    return new PgpKeyResolver(PublishedKeyrings.readDirectory(Objects.requireNonNull(dir, "dir"), Instant.EPOCH));
  }

  /** The keys this resolver holds. */
  public List<PgpKey> keys() {
    return keys;
  }

  @Override
  public List<Verifier> resolve(KeyQuery query) {
    Objects.requireNonNull(query, "query");
    List<PGPPublicKey> found = new ArrayList<>();
    for (PgpKey key : keys) {
      found.addAll(SigningCandidates.of(key.bcPublicKeyRing(), query.time()));
    }
    found.sort(Comparator.comparing((PGPPublicKey k) -> k.getCreationTime()).reversed());
    List<Verifier> out = new ArrayList<>();
    for (PGPPublicKey k : found) {
      Verifier v;
      try {
        v = Verifiers.of(JdkKeys.publicKey(k));
      } catch (InvalidInputException e) {
        continue; // DSA, Ed448 and other keys without a raw-key verifier here
      }
      if (query.keyId().map(id -> v.keyId().matches(id)).orElse(true)) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "PgpKeyResolver" + keys;
  }
}
