package dev.countersign.keys.ceremony;

import static dev.countersign.keys.ceremony.CeremonyFixtures.END;
import static dev.countersign.keys.ceremony.CeremonyFixtures.EXPIRES;
import static dev.countersign.keys.ceremony.CeremonyFixtures.NOW;
import static dev.countersign.keys.ceremony.CeremonyFixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.keys.KeyManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KeyStatusReportTest {
  private final List<Signer> members = CeremonyFixtures.threeMembers();

  private KeyManifest v1() {
    return Ceremony.first(EXPIRES, List.of(
        ManifestChange.members(CeremonyFixtures.asMembers(members), 2),
        ManifestChange.addKey(CeremonyFixtures.ec().getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256, START,
            END))).manifest();
  }

  @Test
  void daysUntilRotationDueCountWholeDaysBeforeEndMinusOverlap() {
    KeyManifest v1 = v1();
    // due = 2027-02-23 - 14 days = 2027-02-09T00:00Z; from 2026-12-01T12:00Z that is 69.5 days
    KeyStatusReport r = KeyStatusReport.of(v1, RotationPolicy.defaults(), Instant.parse("2026-12-01T12:00:00Z"));
    assertEquals(OptionalLong.of(69), r.daysUntilRotationDue());
    assertEquals("active", r.entries().get(0).state());
    assertFalse(r.dueWithin(7));

    KeyStatusReport overdue = KeyStatusReport.of(v1, RotationPolicy.defaults(),
        Instant.parse("2027-02-20T00:00:00Z"));
    assertEquals(OptionalLong.of(-11), overdue.daysUntilRotationDue());
    assertTrue(overdue.dueWithin(7));
    assertEquals("expired", KeyStatusReport.of(v1, RotationPolicy.defaults(), END).entries().get(0).state());

    RotationPolicy shortOverlap = RotationPolicy.of(Duration.ofDays(90), Duration.ofDays(7));
    assertEquals(OptionalLong.of(0), KeyStatusReport.of(v1, shortOverlap,
        Instant.parse("2027-02-15T23:59:59Z")).daysUntilRotationDue());
  }

  @Test
  void afterRotationTheOldKeyIsRetiredAndTheNewOneCountsFromItsOwnWindow() {
    KeyManifest v1 = v1();
    Instant at = Instant.parse("2027-02-01T00:00:00Z");
    KeyManifest v2 = RotationPolicy.defaults().rotate(v1, CeremonyFixtures.ed25519().getPublic(), at).manifest();
    KeyStatusReport r = KeyStatusReport.of(v2, RotationPolicy.defaults(), at);
    // rotated early: the old key's window still runs until 2027-02-23, the new key's starts 2027-02-09
    assertEquals("retiring until 2027-02-23T00:00:00Z", r.entries().get(0).state());
    assertEquals(OptionalLong.empty(), r.entries().get(0).daysUntilRotationDue());
    assertEquals("retired", KeyStatusReport.of(v2, RotationPolicy.defaults(), Instant.parse("2027-02-23T00:00:00Z"))
        .entries().get(0).state());
    assertEquals("pending", r.entries().get(1).state());
    // new key 2027-02-09 .. 2027-05-10, due 2027-04-26: 84 days after 2027-02-01
    assertEquals(OptionalLong.of(84), r.daysUntilRotationDue());
    assertTrue(KeyStatusReport.of(v2, RotationPolicy.defaults(), Instant.parse("2027-04-20T00:00:00Z"))
        .dueWithin(7));
  }

  @Test
  void revokedKeysHaveNoDueDateAndAManifestWithoutActiveKeysIsDue() {
    KeyManifest v1 = v1();
    KeyManifest v2 = Ceremony.propose(v1, EXPIRES, List.of(ManifestChange.revoke(v1.keys().get(0).keyId(),
        NOW, "member laptop stolen"))).manifest();
    KeyStatusReport r = KeyStatusReport.of(v2, RotationPolicy.defaults(), NOW);
    assertEquals("revoked", r.entries().get(0).state());
    assertEquals(OptionalLong.empty(), r.daysUntilRotationDue());
    assertTrue(r.dueWithin(0));
    assertThrows(InvalidInputException.class,
        () -> RotationPolicy.defaults().rotate(v2, CeremonyFixtures.ec().getPublic(), NOW));
  }

  @Test
  void policiesAndChangesAreValidated() {
    assertThrows(InvalidInputException.class, () -> RotationPolicy.of(Duration.ofDays(14), Duration.ofDays(14)));
    assertThrows(InvalidInputException.class, () -> RotationPolicy.of(Duration.ofDays(90), Duration.ofDays(-1)));
    KeyManifest v1 = v1();
    assertThrows(InvalidInputException.class, () -> Ceremony.propose(v1, EXPIRES, List.of()));
    assertThrows(InvalidInputException.class, () -> Ceremony.propose(v1, EXPIRES, List.of(
        ManifestChange.retire(CeremonyFixtures.asMembers(members).get(0).keyId(), END))));
    assertThrows(InvalidInputException.class, () -> Ceremony.first(EXPIRES, List.of(ManifestChange.addKey(
        CeremonyFixtures.ec().getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256, START, END))));
    assertThrows(InvalidInputException.class, () -> ManifestChange.revoke(v1.keys().get(0).keyId(), NOW, " "));
  }
}
