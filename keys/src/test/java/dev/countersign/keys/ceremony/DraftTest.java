package dev.countersign.keys.ceremony;

import static dev.countersign.keys.ceremony.CeremonyFixtures.END;
import static dev.countersign.keys.ceremony.CeremonyFixtures.EXPIRES;
import static dev.countersign.keys.ceremony.CeremonyFixtures.NOW;
import static dev.countersign.keys.ceremony.CeremonyFixtures.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestMember;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftTest {
  @TempDir
  Path dir;

  private final List<Signer> members = CeremonyFixtures.threeMembers();

  private Draft first() {
    return Ceremony.first(EXPIRES, List.of(
        ManifestChange.members(CeremonyFixtures.asMembers(members), 2),
        ManifestChange.addKey(CeremonyFixtures.ec().getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256, START,
            END)));
  }

  @Test
  void aDraftFileRoundTripsWithSignaturesAndTimes() {
    Draft d = first().sign(members.get(0), NOW).sign(members.get(1), NOW.plusSeconds(5));
    Draft back = Draft.parse(d.toJson());
    assertTrue(back.manifest().sameContent(d.manifest()));
    assertEquals(d.manifest().signatures(), back.manifest().signatures());
    assertEquals(d.summary(), back.summary());
    assertEquals(d.signedAt(), back.signedAt());
    assertArrayEquals(d.toJson(), back.toJson());
  }

  @Test
  void aMemberSignsOnce() {
    Draft d = first().sign(members.get(0), NOW);
    assertThrows(InvalidInputException.class, () -> d.sign(members.get(0), NOW));
  }

  @Test
  void tamperedDraftFilesAreRefused() {
    String json = new String(first().sign(members.get(0), NOW).toJson(), StandardCharsets.UTF_8);
    String otherMember = CeremonyFixtures.asMembers(members).get(2).keyId().value();
    List<String> bad = new ArrayList<>(List.of(
        json.replace("\"threshold\":2", "\"threshold\": 2"),
        json.replace("\"summary\":[", "\"extra\":1,\"summary\":["),
        json.replace("\"keyid\":\"" + members.get(0).keyId().value() + "\"}],\"summary\"",
            "\"keyid\":\"" + otherMember + "\"}],\"summary\""),
        json.substring(0, json.length() - 1),
        "[]"));
    for (String b : bad) {
      assertNotEquals(json, b);
      assertThrows(InvalidInputException.class, () -> Draft.parse(b.getBytes(StandardCharsets.UTF_8)), b);
    }
    assertThrows(InvalidInputException.class, () -> Draft.parse(new byte[KeyManifest.MAX_BYTES + (300 << 10)]));
  }

  @Test
  void changingMembersNeedsThePreviousThresholdAndTheNewOne() throws Exception {
    Draft d = first().sign(members.get(0), NOW).sign(members.get(1), NOW);
    KeyManifest v1 = Publisher.publish(d, null, dir, NOW).manifest();
    List<Signer> newcomers = CeremonyFixtures.threeMembers();
    List<ManifestMember> next = new ArrayList<>(CeremonyFixtures.asMembers(newcomers));
    next.add(v1.members().get(0));
    Draft change = Ceremony.propose(v1, EXPIRES, List.of(ManifestChange.members(next, 3)));
    assertTrue(change.summary().contains("threshold: 3 of 4 members (was 2 of 3)"), change.summary().toString());
    assertEquals(2, change.summary().stream().filter(l -> l.startsWith("member removed: ")).count());

    Draft byNewcomers = change.sign(newcomers.get(0), NOW).sign(newcomers.get(1), NOW).sign(newcomers.get(2), NOW);
    VerificationException e = assertThrows(VerificationException.class,
        () -> Publisher.publish(byNewcomers, v1, dir, NOW));
    assertEquals("threshold-previous", e.report().failures().get(0).name());

    Draft byOld = change.sign(members.get(0), NOW).sign(members.get(1), NOW);
    VerificationException own = assertThrows(VerificationException.class,
        () -> Publisher.publish(byOld, v1, dir, NOW));
    assertEquals("threshold-own", own.report().failures().get(0).name());

    KeyManifest v2 = Publisher.publish(byOld.sign(newcomers.get(0), NOW).sign(newcomers.get(1), NOW), v1, dir, NOW)
        .manifest();
    assertEquals(2, v2.version());

    Draft stale = Ceremony.propose(v1, EXPIRES, List.of(ManifestChange.retire(v1.keys().get(0).keyId(), END)))
        .sign(members.get(0), NOW).sign(members.get(1), NOW);
    VerificationException version = assertThrows(VerificationException.class,
        () -> Publisher.publish(stale, v2, dir, NOW));
    assertEquals("version", version.report().failures().get(0).name());
  }
}
