package dev.countersign.keys.ceremony;

import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.keys.ManifestMember;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Real keys (P-256 and Ed25519) for the ceremony tests. */
final class CeremonyFixtures {
  static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
  static final Instant END = Instant.parse("2027-02-23T00:00:00Z");
  static final Instant EXPIRES = Instant.parse("2027-11-25T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private CeremonyFixtures() {}

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

  /** Three members: P-256, Ed25519, P-256. */
  static List<Signer> threeMembers() {
    return List.of(Signers.of(ec()), Signers.of(ed25519()), Signers.of(ec()));
  }

  static List<ManifestMember> asMembers(List<Signer> signers) {
    List<ManifestMember> out = new ArrayList<>();
    signers.forEach(s -> out.add(ManifestMember.of(s.publicKey())));
    return out;
  }
}
