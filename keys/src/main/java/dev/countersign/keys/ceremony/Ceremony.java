package dev.countersign.keys.ceremony;

import dev.countersign.core.InvalidInputException;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.internal.ceremony.ChangeSummary;
import dev.countersign.keys.internal.ceremony.PemFileNames;
import dev.countersign.keys.internal.ceremony.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Proposes the next {@link KeyManifest} of a key ceremony as an unsigned {@link Draft}. The first manifest needs a
 * {@link ManifestChange#members} change; later ones apply their changes to the trusted manifest with the version
 * + 1. Each added PEM key gets its published name, {@code pubkey-YYYY-MM-DD.pem} (UTC date its window starts),
 * with {@code -2}, {@code -3}, ... when that name is already used by a key in the manifest; the name is part of
 * what members sign. An added OpenPGP key is published as its {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg}, whose
 * bytes travel in the draft and whose SHA-256 is in the manifest.
 */
public final class Ceremony {
  private Ceremony() {}

  /** The first manifest (version 1), expiring at {@code expires}. */
  public static Draft first(Instant expires, List<ManifestChange> changes) {
    return build(null, expires, changes);
  }

  /** The version after {@code current} (the trusted manifest), expiring at {@code expires}. */
  public static Draft propose(KeyManifest current, Instant expires, List<ManifestChange> changes) {
    return build(Objects.requireNonNull(current, "current"), expires, changes);
  }

  private static Draft build(KeyManifest current, Instant expires, List<ManifestChange> changes) {
    Objects.requireNonNull(expires, "expires");
    if (Objects.requireNonNull(changes, "changes").isEmpty()) {
      throw new InvalidInputException("a ceremony draft must change something");
    }
    KeyManifest.Builder b = current == null ? KeyManifest.builder().version(1)
        : current.toBuilder().version(current.version() + 1);
    b.expires(expires);
    List<ManifestKey> keys = new ArrayList<>(current == null ? List.of() : current.keys());
    Set<String> taken = new HashSet<>();
    keys.forEach(k -> taken.addAll(k.files()));
    boolean membersSet = false;
    Map<String, byte[]> keyrings = new LinkedHashMap<>();
    for (ManifestChange c : changes) {
      switch (c.kind) {
        case MEMBERS:
          if (membersSet) {
            throw new InvalidInputException("a draft sets the members only once");
          }
          membersSet = true;
          b.members(c.members).threshold(c.threshold);
          break;
        case ADD_KEY:
          if (c.pgpFingerprint != null) {
            if (!taken.add(c.keyringFile)) {
              throw new InvalidInputException(c.keyringFile + " is already published by another key");
            }
            keys.add(ManifestKey.builder().pgp(c.pgpFingerprint, c.keyId).algorithm(c.algorithm)
                .keyringSha256(Sha256.hex(c.keyring)).validFor(c.start, c.end).active()
                .files(List.of(c.keyringFile)).build());
            keyrings.put(c.keyringFile, c.keyring);
            break;
          }
          String name = PemFileNames.next(c.start, taken);
          taken.add(name);
          keys.add(ManifestKey.builder().publicKey(c.publicKey).algorithm(c.algorithm).backend(c.backend)
              .validFor(c.start, c.end).active().files(List.of(name)).build());
          break;
        case RETIRE:
          replace(keys, c, k -> {
            if (k.status() == KeyStatus.REVOKED) {
              throw new InvalidInputException("key " + k.keyId() + " is revoked and cannot be retired");
            }
            return k.toBuilder().validFor(k.validFrom(), c.end).retired().build();
          });
          break;
        default:
          replace(keys, c, k -> k.toBuilder().revoked(c.start, c.reason).build());
          break;
      }
    }
    if (current == null && !membersSet) {
      throw new InvalidInputException("the first key manifest needs its members and threshold");
    }
    KeyManifest next = b.keys(keys).build();
    if (current != null && next.sameContent(current.toBuilder().version(next.version()).build())) {
      throw new InvalidInputException("the proposed changes leave the manifest as it is");
    }
    return Draft.of(next, ChangeSummary.lines(current, next), keyrings);
  }

  private static void replace(List<ManifestKey> keys, ManifestChange c,
      java.util.function.UnaryOperator<ManifestKey> f) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).keyId().equals(c.keyId)) {
        keys.set(i, f.apply(keys.get(i)));
        return;
      }
    }
    throw new InvalidInputException("no key " + c.keyId + " in the manifest to " + (c.kind == ManifestChange.Kind.RETIRE
        ? "retire" : "revoke"));
  }
}
