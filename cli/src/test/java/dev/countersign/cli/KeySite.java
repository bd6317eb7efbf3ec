package dev.countersign.cli;

import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A published key directory for the CLI tests, with real keys and windows relative to now: a 2-of-3 member chain
 * 1 -> 3; version 1 holds OLD and CURRENT, version 2 adds REVOKED, version 3 retires OLD, revokes REVOKED (10 days
 * ago) and adds NEXT (window begins in 10 days). Each signing key is also written as a cosign key pair
 * ({@code NAME.key}, empty password, and {@code NAME.pub}) in {@code keysDir} so the CLI can sign with it.
 */
final class KeySite {
  static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  static final String[] NAMES = {"old", "current", "revoked", "next"};

  final Path site;
  final Path keysDir;
  final byte[] v1;
  final byte[] v2;
  final byte[] v3;

  KeySite(Path site, Path keysDir) {
    this.site = site;
    this.keysDir = keysDir;
    List<Signer> members = new ArrayList<>();
    List<ManifestMember> asMembers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Signer s = Signers.of(KeyGeneration.generate());
      members.add(s);
      asMembers.add(ManifestMember.of(s.publicKey()));
    }
    ManifestKey old = key("old", -120, -30);
    ManifestKey current = key("current", -30, 60);
    ManifestKey revoked = key("revoked", -60, 30);
    ManifestKey next = key("next", 10, 100);
    KeyManifest m1 = KeyManifest.builder().version(1).expires(NOW.plus(Duration.ofDays(365))).threshold(2)
        .members(asMembers).addKey(old).addKey(current).build();
    KeyManifest m2 = m1.toBuilder().version(2).addKey(revoked).build();
    KeyManifest m3 = m2.toBuilder().version(3).keys(List.of(old.toBuilder().retired().build(), current,
        revoked.toBuilder().revoked(NOW.minus(Duration.ofDays(10)), "private key leaked").build(), next)).build();
    v1 = signed(m1, members);
    v2 = signed(m2, members);
    v3 = signed(m3, members);
    write(site, "1.keys.json", v1);
    write(site, "2.keys.json", v2);
    write(site, "3.keys.json", v3);
    write(site, "keys.json", v3);
    write(keysDir, "1.keys.json", v1);
  }

  private static byte[] signed(KeyManifest m, List<Signer> members) {
    return m.sign(members.get(0)).sign(members.get(2)).toJson();
  }

  private ManifestKey key(String name, int fromDays, int untilDays) {
    KeyPair kp = KeyGeneration.generate();
    write(keysDir, name + ".key", CosignKeys.write(kp, new char[0]).getBytes(StandardCharsets.US_ASCII));
    byte[] pub = PemKeys.writePublicKey(kp.getPublic()).getBytes(StandardCharsets.US_ASCII);
    write(keysDir, name + ".pub", pub);
    String file = "pubkey-" + name + ".pem";
    write(site, file, pub);
    return ManifestKey.builder().publicKey(kp.getPublic())
        .validFor(NOW.plus(Duration.ofDays(fromDays)), NOW.plus(Duration.ofDays(untilDays)))
        .files(List.of(file)).build();
  }

  /** The private key file of {@code name}. */
  String key(String name) {
    return keysDir.resolve(name + ".key").toString();
  }

  String trustRoot() {
    return keysDir.resolve("1.keys.json").toString();
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
