package dev.countersign.keys;

import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * A published 2-of-3 manifest chain with real keys: version 1 (keys OLD and CURRENT active), version 2 (adds
 * REVOKED, then active), version 3 (OLD retired, REVOKED revoked at 2026-10-01, NEXT not yet valid, a PGP key).
 * Every version is signed by members 0 and 1. NOW is 2026-11-25T12:00:00Z.
 */
final class ResolverFixtures {
  static final Instant NOW = ManifestFixtures.NOW;
  static final Instant REVOKED_AT = Instant.parse("2026-10-01T00:00:00Z");

  final List<Signer> members = ManifestFixtures.members(3);
  final Signer old = Signers.of(ManifestFixtures.ec());
  final Signer current = Signers.of(ManifestFixtures.ed25519());
  final Signer revoked = Signers.of(ManifestFixtures.ec());
  final Signer next = Signers.of(ManifestFixtures.ec());
  final KeyPair pgpStandIn = ManifestFixtures.ec();
  final byte[] v1;
  final byte[] v2;
  final byte[] v3;

  ResolverFixtures() {
    ManifestKey oldKey = key(old, "2026-05-01", "2026-08-01", "pubkey-2026-05-01.pem");
    ManifestKey currentKey = key(current, "2026-08-01", "2027-02-01", "pubkey-2026-08-01.pem");
    ManifestKey revokedKey = key(revoked, "2026-06-01", "2027-01-01", "pubkey-2026-06-01.pem");
    KeyManifest m1 = KeyManifest.builder().version(1).expires(ManifestFixtures.EXPIRES).threshold(2)
        .members(ManifestFixtures.asMembers(members)).addKey(oldKey).addKey(currentKey).build();
    KeyManifest m2 = m1.toBuilder().version(2).addKey(revokedKey).build();
    KeyManifest m3 = m2.toBuilder().version(3).keys(List.of(
        oldKey.toBuilder().retired().build(), currentKey,
        revokedKey.toBuilder().revoked(REVOKED_AT, "private key leaked").build(),
        key(next, "2026-12-20", "2027-03-20", "pubkey-2026-12-20.pem"),
        ManifestKey.builder().pgp("0123456789ABCDEF0123456789ABCDEF01234567", KeyId.of(pgpStandIn.getPublic()))
            .algorithm(SignatureAlgorithm.ECDSA_P256_SHA256)
            .validFor(Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2027-02-01T00:00:00Z")).build()))
        .build();
    List<Signer> two = members.subList(0, 2);
    v1 = ManifestFixtures.signedBy(m1, two).toJson();
    v2 = ManifestFixtures.signedBy(m2, two).toJson();
    v3 = ManifestFixtures.signedBy(m3, two).toJson();
  }

  private static ManifestKey key(Signer s, String from, String until, String file) {
    return ManifestKey.builder().publicKey(s.publicKey())
        .validFor(Instant.parse(from + "T00:00:00Z"), Instant.parse(until + "T00:00:00Z"))
        .files(List.of(file)).build();
  }

  /** Writes 1..3.keys.json and keys.json (version 3) into {@code dir}. */
  void publish(Path dir) {
    write(dir, "1.keys.json", v1);
    write(dir, "2.keys.json", v2);
    write(dir, "3.keys.json", v3);
    write(dir, "keys.json", v3);
  }

  static void write(Path dir, String name, byte[] bytes) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
