package dev.countersign.keys;

import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Real keys (EC P-256 and Ed25519) and manifests for the tests. */
final class ManifestFixtures {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final Instant EXPIRES = Instant.parse("2027-11-25T00:00:00Z");

  private ManifestFixtures() {}

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** n member signers, alternating P-256 and Ed25519. */
  static List<Signer> members(int n) {
    List<Signer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Signers.of(i % 2 == 0 ? ec() : ed25519()));
    }
    return out;
  }

  static List<ManifestMember> asMembers(List<Signer> signers) {
    List<ManifestMember> out = new ArrayList<>();
    signers.forEach(s -> out.add(ManifestMember.of(s.publicKey())));
    return out;
  }

  /** An active P-256 signing key published as pubkey-2026-11-25.pem. */
  static ManifestKey signingKey(String file) {
    return ManifestKey.builder().publicKey(ec().getPublic())
        .validFor(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2027-02-23T00:00:00Z"))
        .files(List.of(file)).build();
  }

  /** An unsigned manifest of {@code version} with these members and threshold and one signing key. */
  static KeyManifest unsigned(int version, List<Signer> members, int threshold) {
    return KeyManifest.builder().version(version).expires(EXPIRES).threshold(threshold)
        .members(asMembers(members)).addKey(signingKey("pubkey-2026-11-25.pem")).build();
  }

  static KeyManifest signedBy(KeyManifest m, List<Signer> signers) {
    for (Signer s : signers) {
      m = m.sign(s);
    }
    return m;
  }
}
