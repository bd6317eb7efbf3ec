package dev.countersign.keys.ceremony;

import static dev.countersign.keys.ceremony.CeremonyFixtures.END;
import static dev.countersign.keys.ceremony.CeremonyFixtures.EXPIRES;
import static dev.countersign.keys.ceremony.CeremonyFixtures.NOW;
import static dev.countersign.keys.ceremony.CeremonyFixtures.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.internal.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PGP keys in a ceremony: the keyring travels in the draft, its SHA-256 is signed in the manifest and the file is
 * published as {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg}. The keys module treats keyring bytes opaquely; the CLI
 * test cross-checks a real keyring with gpg.
 */
class CeremonyPgpKeyTest {
  private static final String FPR = "0123456789ABCDEF0123456789ABCDEF01234567";
  private static final String FILE = "keyring-2026-11-25-" + FPR + ".gpg";
  private static final byte[] RING = "opaque public keyring bytes".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  private final List<Signer> members = CeremonyFixtures.threeMembers();
  private final KeyPair signing = CeremonyFixtures.ec();

  private Draft draft() {
    return Ceremony.first(EXPIRES, List.of(ManifestChange.members(CeremonyFixtures.asMembers(members), 2),
        ManifestChange.addPgpKey(FPR, KeyId.of(signing.getPublic()), SignatureAlgorithm.ECDSA_P256_SHA256, FILE,
            RING, START, END)));
  }

  @Test
  void keyringTravelsInTheDraftAndIsPublishedWithItsDigestSigned() throws Exception {
    Draft d = Draft.parse(draft().toJson());
    assertEquals(java.util.Set.of(FILE), d.keyringFiles());
    assertArrayEquals(RING, d.keyring(FILE).orElseThrow());
    ManifestKey k = d.manifest().keys().get(0);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(RING));
    assertEquals(sha, k.keyringSha256().orElseThrow());
    assertEquals(List.of(FILE), k.files());
    assertTrue(d.summary().stream().anyMatch(l -> l.contains("pgp " + FPR)), d.summary().toString());

    Draft signed = d.sign(members.get(0), NOW).sign(members.get(1), NOW);
    Publication p = Publisher.publish(Draft.parse(signed.toJson()), null, dir, NOW);
    assertTrue(p.files().contains(FILE), p.files().toString());
    assertArrayEquals(RING, Files.readAllBytes(dir.resolve(FILE)));
    KeyManifest published = KeyManifest.parse(Files.readAllBytes(dir.resolve("keys.json")));
    assertEquals(sha, published.keys().get(0).keyringSha256().orElseThrow());
    assertTrue(new String(published.toJson(), StandardCharsets.UTF_8).contains("\"keyringSha256\":\"" + sha + "\""));
  }

  @Test
  void aKeyringOtherThanTheSignedOneIsRefused() throws Exception {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(draft().toJson());
    ((ObjectNode) root.get("keyrings").get(0)).put("data", Base64.getEncoder().encodeToString(
        "swapped keyring".getBytes(StandardCharsets.US_ASCII)));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Draft.parse(CanonicalJson.serialize(root)));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());

    ObjectNode missing = (ObjectNode) new ObjectMapper().readTree(draft().toJson());
    missing.remove("keyrings");
    Draft without = Draft.parse(CanonicalJson.serialize(missing)).sign(members.get(0), NOW).sign(members.get(2), NOW);
    InvalidInputException m = assertThrows(InvalidInputException.class,
        () -> Publisher.publish(without, null, dir, NOW));
    assertTrue(m.getMessage().contains("does not carry " + FILE), m.getMessage());
    assertTrue(Files.notExists(dir.resolve("keys.json")));
  }

  @Test
  void keyringNamesAndDigestsAreChecked() {
    KeyId id = KeyId.of(signing.getPublic());
    assertThrows(InvalidInputException.class, () -> ManifestChange.addPgpKey(FPR, id,
        SignatureAlgorithm.ECDSA_P256_SHA256, "pubkey-2026-11-25.pem", RING, START, END));
    assertThrows(InvalidInputException.class, () -> ManifestChange.addPgpKey(FPR, id,
        SignatureAlgorithm.ECDSA_P256_SHA256, "keyring-2026-11-25-" + FPR.replace('0', '1') + ".gpg", RING, START,
        END));
    assertThrows(InvalidInputException.class, () -> ManifestChange.addPgpKey(FPR, id,
        SignatureAlgorithm.ECDSA_P256_SHA256, FILE, new byte[0], START, END));
    assertThrows(InvalidInputException.class, () -> ManifestKey.builder().publicKey(signing.getPublic())
        .keyringSha256("00".repeat(32)).validFor(START, END).build());
    assertThrows(InvalidInputException.class, () -> ManifestKey.builder().pgp(FPR, id)
        .algorithm(SignatureAlgorithm.ECDSA_P256_SHA256).keyringSha256("ABCD").validFor(START, END).build());
  }
}
