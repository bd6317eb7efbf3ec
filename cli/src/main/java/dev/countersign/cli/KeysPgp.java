package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.Verifier;
import dev.countersign.keys.ceremony.ManifestChange;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PublishedKeyrings;
import java.nio.file.Path;
import java.time.Instant;

/**
 * OpenPGP keys for the {@code keys} commands: the manifest lists the key's fingerprint and the id of its signing
 * key, and publishes its public keyring as {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} (the pgp module's naming).
 */
final class KeysPgp {
  private KeysPgp() {}

  static boolean isPgp(String reference) {
    return reference.regionMatches(true, 0, "pgp://", 0, 6);
  }

  /** The change adding the key {@code reference} ({@code pgp://KEYRING[#SELECTOR]}) names. */
  static ManifestChange add(String reference, Instant start, Instant end) {
    String rest = reference.substring(6);
    int hash = rest.indexOf('#');
    Path file = Path.of(hash < 0 ? rest : rest.substring(0, hash));
    PgpKeyring ring = PgpKeyring.read(CliFiles.readAll(file));
    PgpKey key;
    if (hash >= 0) {
      key = ring.select(rest.substring(hash + 1));
    } else if (ring.keys().size() == 1) {
      key = ring.keys().get(0);
    } else {
      throw new InvalidInputException(file + " holds " + ring.keys().size() + " keys; name one with "
          + "#FINGERPRINT");
    }
    return change(key, KeyBackends.discover().verifier(reference), start, end);
  }

  /** The change adding {@code key}, whose signing key {@code signing} verifies. */
  static ManifestChange change(PgpKey key, Verifier signing, Instant start, Instant end) {
    return ManifestChange.addPgpKey(key.fingerprint(), signing.keyId(), signing.algorithm(),
        PublishedKeyrings.fileName(key), key.publicKeyringBytes(), start, end);
  }
}
