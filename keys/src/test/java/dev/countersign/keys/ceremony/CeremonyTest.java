package dev.countersign.keys.ceremony;

import static dev.countersign.keys.ceremony.CeremonyFixtures.END;
import static dev.countersign.keys.ceremony.CeremonyFixtures.EXPIRES;
import static dev.countersign.keys.ceremony.CeremonyFixtures.NOW;
import static dev.countersign.keys.ceremony.CeremonyFixtures.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestTrust;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeremonyTest {
  @TempDir
  Path dir;

  @TempDir
  Path work;

  private final List<Signer> members = CeremonyFixtures.threeMembers();
  private final KeyPair k1 = CeremonyFixtures.ec();

  private Draft firstDraft() {
    return Ceremony.first(EXPIRES, List.of(
        ManifestChange.members(CeremonyFixtures.asMembers(members), 2),
        ManifestChange.addKey(k1.getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256, START, END)));
  }

  /** The first manifest, published into {@link #dir} by members 0 and 1 (each on "their machine": via the file). */
  private KeyManifest publishFirst() throws Exception {
    Path file = work.resolve("draft.json");
    firstDraft().write(file);
    Draft.read(file).sign(members.get(0), NOW).write(file);
    Draft signed = Draft.read(file).sign(members.get(2), NOW.plusSeconds(60));
    return Publisher.publish(signed, null, dir, NOW).manifest();
  }

  private static String pem(KeyPair k) {
    return PemKeys.writePublicKey(k.getPublic());
  }

  private String read(String name) throws Exception {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  private Set<String> listing() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void firstCeremonyTwoOfThreePublishesKeysAndTranscript() throws Exception {
    Draft d = firstDraft();
    assertEquals(1, d.manifest().version());
    assertTrue(d.summary().contains("threshold: 2 of 3 members"), d.summary().toString());
    assertEquals(3, d.summary().stream().filter(l -> l.startsWith("member added: ")).count());
    assertTrue(d.summary().stream().anyMatch(l -> l.startsWith("key added: " + d.manifest().keys().get(0).keyId()
        + " ecdsa-p256-sha256 valid 2026-11-25T00:00:00Z .. 2027-02-23T00:00:00Z")), d.summary().toString());

    KeyManifest v1 = publishFirst();
    assertEquals(Set.of("keys.json", "1.keys.json", "1.ceremony.json", "pubkey-2026-11-25.pem"), listing());
    assertEquals(pem(k1), read("pubkey-2026-11-25.pem"));
    assertArrayEquals(v1.toJson(), Files.readAllBytes(dir.resolve("keys.json")));
    assertArrayEquals(v1.toJson(), Files.readAllBytes(dir.resolve("1.keys.json")));
    assertEquals(1, ManifestTrust.pin(Files.readAllBytes(dir.resolve("1.keys.json"))).trusted().version());

    JsonNode t = new ObjectMapper().readTree(read("1.ceremony.json"));
    assertEquals(1, t.get("version").intValue());
    assertEquals(members.get(0).keyId().value(), t.get("signatures").get(0).get("keyid").textValue());
    assertEquals("2026-11-25T12:00:00Z", t.get("signatures").get(0).get("signedAt").textValue());
    assertEquals(members.get(2).keyId().value(), t.get("signatures").get(1).get("keyid").textValue());
    assertEquals("2026-11-25T12:01:00Z", t.get("signatures").get(1).get("signedAt").textValue());
    assertEquals("new", t.get("signatures").get(1).get("memberOf").get(0).textValue());
    assertEquals(v1.keys().get(0).keyId().value(), t.get("addedKeys").get(0).get("keyid").textValue());
  }

  @Test
  void firstManifestSignedByOneOfTwoIsRefusedAndNothingWritten() throws Exception {
    Draft one = firstDraft().sign(members.get(1), NOW);
    VerificationException e = assertThrows(VerificationException.class,
        () -> Publisher.publish(one, null, dir, NOW));
    assertEquals("threshold-own", e.report().failures().get(0).name());
    assertEquals(Set.of(), listing());
  }

  @Test
  void rotationSignedByOneMemberIsRefusedThenAcceptedWithTwo() throws Exception {
    KeyManifest v1 = publishFirst();
    KeyPair k2 = CeremonyFixtures.ed25519();
    Instant rotateAt = Instant.parse("2027-02-01T00:00:00Z");
    Draft rotation = RotationPolicy.defaults().rotate(v1, k2.getPublic(), rotateAt);
    assertEquals(2, rotation.manifest().version());
    ManifestKey old = rotation.manifest().keys().get(0);
    ManifestKey next = rotation.manifest().keys().get(1);
    assertEquals(KeyStatus.RETIRED, old.status());
    assertEquals(END, old.validUntil().orElseThrow());
    assertEquals(Instant.parse("2027-02-09T00:00:00Z"), next.validFrom());
    assertEquals(Instant.parse("2027-05-10T00:00:00Z"), next.validUntil().orElseThrow());
    assertEquals(List.of("pubkey-2027-02-09.pem"), next.files());
    assertTrue(rotation.summary().stream().anyMatch(l -> l.startsWith("key retired: " + old.keyId())));

    Draft oneSig = Draft.parse(rotation.sign(members.get(1), rotateAt).toJson());
    VerificationException e = assertThrows(VerificationException.class,
        () -> Publisher.publish(oneSig, v1, dir, rotateAt));
    assertEquals("threshold-previous", e.report().failures().get(0).name());
    assertFalse(Files.exists(dir.resolve("2.keys.json")));
    assertArrayEquals(v1.toJson(), Files.readAllBytes(dir.resolve("keys.json")));

    Draft twoSigs = oneSig.sign(members.get(2), rotateAt.plusSeconds(3600));
    KeyManifest v2 = Publisher.publish(twoSigs, v1, dir, rotateAt).manifest();
    assertEquals(Set.of("keys.json", "1.keys.json", "1.ceremony.json", "pubkey-2026-11-25.pem",
        "2.keys.json", "2.ceremony.json", "pubkey-2027-02-09.pem"), listing());
    assertEquals(pem(k2), read("pubkey-2027-02-09.pem"));
    assertArrayEquals(v2.toJson(), Files.readAllBytes(dir.resolve("keys.json")));

    ManifestTrust chain = ManifestTrust.pin(Files.readAllBytes(dir.resolve("1.keys.json")))
        .trustChain(List.of(Files.readAllBytes(dir.resolve("2.keys.json"))), rotateAt);
    assertEquals(2, chain.trusted().version());
    assertTrue(chain.trusted().sameContent(v2));

    JsonNode t = new ObjectMapper().readTree(read("2.ceremony.json"));
    assertEquals(1, t.get("previousVersion").intValue());
    assertEquals(next.keyId().value(), t.get("addedKeys").get(0).get("keyid").textValue());
    assertEquals("previous", t.get("signatures").get(0).get("memberOf").get(0).textValue());
    assertEquals("2027-02-01T01:00:00Z", t.get("signatures").get(1).get("signedAt").textValue());

    assertThrows(InvalidInputException.class, () -> Publisher.publish(twoSigs, v2, dir, rotateAt));
  }

  @Test
  void keysStartingTheSameDayGetNumberedNamesAndForeignFilesAreNotOverwritten() throws Exception {
    KeyManifest v1 = publishFirst();
    KeyPair k2 = CeremonyFixtures.ed25519();
    KeyPair k3 = CeremonyFixtures.ec();
    Instant sameDay = Instant.parse("2026-11-25T18:00:00Z");
    Draft d = Ceremony.propose(v1, EXPIRES, List.of(
        ManifestChange.addKey(k2.getPublic(), SignatureAlgorithm.ED25519, sameDay, null),
        ManifestChange.addKmsKey(k3.getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256,
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", sameDay, null)));
    assertEquals(List.of("pubkey-2026-11-25-2.pem"), d.manifest().keys().get(1).files());
    assertEquals(List.of("pubkey-2026-11-25-3.pem"), d.manifest().keys().get(2).files());
    Draft signed = d.sign(members.get(0), NOW).sign(members.get(1), NOW);

    Files.writeString(dir.resolve("pubkey-2026-11-25-3.pem"), "not this key");
    assertThrows(InvalidInputException.class, () -> Publisher.publish(signed, v1, dir, NOW));
    assertFalse(Files.exists(dir.resolve("2.keys.json")));
    Files.delete(dir.resolve("pubkey-2026-11-25-3.pem"));

    Publisher.publish(signed, v1, dir, NOW);
    assertEquals(pem(k1), read("pubkey-2026-11-25.pem"));
    assertEquals(pem(k2), read("pubkey-2026-11-25-2.pem"));
    assertEquals(pem(k3), read("pubkey-2026-11-25-3.pem"));
    assertEquals(2, ManifestTrust.pin(Files.readAllBytes(dir.resolve("1.keys.json")))
        .accept(Files.readAllBytes(dir.resolve("keys.json")), NOW).trusted().version());
  }

  @Test
  void anInterruptedPublicationCanBeRunAgain() throws Exception {
    KeyManifest v1 = publishFirst();
    Draft rotation = RotationPolicy.defaults().rotate(v1, CeremonyFixtures.ec().getPublic(), NOW)
        .sign(members.get(0), NOW).sign(members.get(1), NOW);
    Publisher.publish(rotation, v1, dir, NOW);
    Files.writeString(dir.resolve("keys.json"), new String(v1.toJson(), StandardCharsets.UTF_8));
    Instant later = NOW.plusSeconds(600);
    Publisher.publish(rotation, v1, dir, later);
    assertArrayEquals(rotation.manifest().toJson(), Files.readAllBytes(dir.resolve("keys.json")));
    assertEquals("2026-11-25T12:10:00Z",
        new ObjectMapper().readTree(read("2.ceremony.json")).get("publishedAt").textValue());
  }
}
