package dev.countersign.keys;

import static dev.countersign.keys.ManifestFixtures.NOW;
import static dev.countersign.keys.ManifestFixtures.members;
import static dev.countersign.keys.ManifestFixtures.signedBy;
import static dev.countersign.keys.ManifestFixtures.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifiers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TUF root rules for key manifests: every bad-input row of the issue that concerns the manifest. */
class ManifestTrustTest {
  private List<Signer> m; // A, B, C: the members of version 1, threshold 2
  private ManifestTrust trust;

  @BeforeEach
  void pinVersionOne() {
    m = members(3);
    trust = ManifestTrust.pin(signedBy(unsigned(1, m, 2), List.of(m.get(0), m.get(1))).toJson());
  }

  private KeyManifest next(int version) {
    return unsigned(version, m, 2);
  }

  /** The report failed on exactly the named rule. */
  private static VerificationReport refused(VerificationReport r, String rule) {
    assertFalse(r.passed(), r.toString());
    assertEquals(List.of(rule), r.failures().stream().map(VerificationCheck::name).toList(), r.toString());
    return r;
  }

  private VerificationReport refusedByAccept(byte[] json, String rule) {
    VerificationException e = assertThrows(VerificationException.class, () -> trust.accept(json, NOW));
    assertTrue(e.getMessage().contains(rule), e.getMessage());
    return refused(e.report(), rule);
  }

  @Test
  void twoOfThreeOverThreeVersionsWithMemberChanges() {
    Signer a = m.get(0);
    Signer b = m.get(1);
    Signer d = Signers2.ed25519();
    Signer e = Signers2.ec();
    // version 2: C is replaced by D; signed by A and B (2 of v1's A,B,C and 2 of its own A,B,D)
    KeyManifest v2 = KeyManifest.builder().version(2).expires(ManifestFixtures.EXPIRES).threshold(2)
        .members(ManifestFixtures.asMembers(List.of(a, b, d))).addKey(ManifestFixtures.signingKey("pubkey-2026-11-25.pem"))
        .build();
    v2 = signedBy(v2, List.of(a, b));
    // version 3: A leaves, E joins; signed by B and D (2 of v2's A,B,D and 2 of its own B,D,E)
    KeyManifest v3 = KeyManifest.builder().version(3).expires(ManifestFixtures.EXPIRES).threshold(2)
        .members(ManifestFixtures.asMembers(List.of(b, d, e))).keys(v2.keys())
        .addKey(ManifestFixtures.signingKey("pubkey-2027-02-09.pem")).build();
    v3 = signedBy(v3, List.of(b, d));

    ManifestTrust t2 = trust.accept(v2.toJson(), NOW);
    assertEquals(2, t2.trusted().version());
    VerificationReport r3 = t2.check(v3.toJson(), NOW);
    assertTrue(r3.passed(), r3.toString());
    assertEquals(List.of("size", "json", "canonical", "format", "version", "threshold-previous", "threshold-own",
        "expiry"), r3.checks().stream().map(VerificationCheck::name).toList());
    ManifestTrust t3 = trust.trustChain(List.of(trust.trusted().toJson(), v2.toJson(), v3.toJson()), NOW);
    assertEquals(3, t3.trusted().version());
    assertEquals(3, t3.trusted().members().size());

    // the new members alone (D, E) cannot take over: only one of v2's members signed
    KeyManifest hostile = signedBy(v3.toBuilder().build(), List.of(d, e));
    refused(t2.check(hostile.toJson(), NOW), "threshold-previous");
    // the old members alone (A, B) cannot impose a set whose own threshold they do not meet
    KeyManifest imposed = signedBy(v3.toBuilder().build(), List.of(a, b));
    refused(t2.check(imposed.toJson(), NOW), "threshold-own");
  }

  @Test
  void signedByOneOfAThresholdOfTwoIsRefused() {
    VerificationReport r = refusedByAccept(signedBy(next(2), List.of(m.get(0))).toJson(), "threshold-previous");
    assertEquals("1", r.check("threshold-previous").orElseThrow().actual().orElseThrow());
  }

  @Test
  void theSameMemberTwiceCountsOnce() {
    KeyManifest once = signedBy(next(2), List.of(m.get(0)));
    ManifestSignature s = once.signatures().get(0);
    KeyManifest twice = once.toBuilder().signatures(List.of(s, s)).build();
    VerificationReport r = refusedByAccept(twice.toJson(), "threshold-previous");
    assertTrue(r.check("threshold-previous").orElseThrow().detail().orElseThrow().contains("1 repeated"), r.toString());
  }

  @Test
  void aNonMemberDoesNotCount() {
    KeyManifest v2 = signedBy(next(2), List.of(m.get(0), Signers2.ec()));
    VerificationReport r = refusedByAccept(v2.toJson(), "threshold-previous");
    assertTrue(r.check("threshold-previous").orElseThrow().detail().orElseThrow().contains("1 by non-members"));
    // a non-member claiming a member's key id does not count either: its signature does not verify
    Signer outsider = Signers2.ec();
    KeyManifest base = next(2);
    byte[] forged = outsider.sign(base.signedBytes());
    List<ManifestSignature> sigs = new ArrayList<>(signedBy(base, List.of(m.get(0))).signatures());
    sigs.add(ManifestSignature.of(m.get(1).keyId(), forged));
    VerificationReport r2 = refusedByAccept(base.toBuilder().signatures(sigs).build().toJson(),
        "threshold-previous");
    assertTrue(r2.check("threshold-previous").orElseThrow().detail().orElseThrow().contains("1 invalid"), r2.toString());
  }

  @Test
  void aValidSignatureOverANonCanonicalReserialisationIsRefused() throws Exception {
    ObjectMapper json = new ObjectMapper();
    KeyManifest v2 = signedBy(next(2), List.of(m.get(0), m.get(1)));
    // the same valid document, pretty-printed
    byte[] pretty = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(json.readTree(v2.toJson()));
    refusedByAccept(pretty, "canonical");
    // "signed" written with its members in another order, and both members signing exactly those bytes
    ObjectNode signed = (ObjectNode) json.readTree(v2.signedBytes());
    ObjectNode reordered = json.createObjectNode();
    List<String> names = new ArrayList<>();
    signed.fieldNames().forEachRemaining(names::add);
    for (int i = names.size() - 1; i >= 0; i--) {
      reordered.set(names.get(i), signed.get(names.get(i)));
    }
    String signedText = json.writeValueAsString(reordered);
    byte[] signedBytes = signedText.getBytes(StandardCharsets.UTF_8);
    StringBuilder doc = new StringBuilder("{\"signatures\":[");
    for (int i = 0; i < 2; i++) {
      byte[] sig = m.get(i).sign(signedBytes);
      Verifiers.of(m.get(i)).verify(signedBytes, sig); // valid over the bytes as served
      doc.append(i == 0 ? "" : ",").append("{\"keyid\":\"").append(m.get(i).keyId()).append("\",\"sig\":\"")
          .append(Base64.getEncoder().encodeToString(sig)).append("\"}");
    }
    doc.append("],\"signed\":").append(signedText).append('}');
    VerificationReport r = refusedByAccept(doc.toString().getBytes(StandardCharsets.UTF_8), "canonical");
    assertFalse(r.check("threshold-previous").isPresent(), "no signature is looked at");
  }

  @Test
  void versionMustBeExactlyTheNext() {
    refused(trust.check(signedBy(next(3), m).toJson(), NOW), "version");
    ManifestTrust t2 = trust.accept(signedBy(next(2), m).toJson(), NOW);
    VerificationReport rollback = refused(t2.check(trust.trusted().toJson(), NOW), "version");
    assertTrue(rollback.toString().contains("rollback"), rollback.toString());
    KeyManifest other = signedBy(next(2).toBuilder().expires(Instant.parse("2028-01-01T00:00:00Z")).build(), m);
    VerificationReport same = refused(t2.check(other.toJson(), NOW), "version");
    assertTrue(same.toString().contains("same version with different content"), same.toString());
  }

  @Test
  void theTrustedVersionAgainIsANoOp() {
    KeyManifest v1 = trust.trusted();
    assertSame(trust, trust.accept(v1.toJson(), NOW));
    // same content with another set of signatures is still the same version
    KeyManifest resigned = signedBy(v1.toBuilder().build(), List.of(m.get(2)));
    assertSame(trust, trust.accept(resigned.toJson(), NOW));
  }

  @Test
  void expiredIsRefusedUnlessAGracePeriodIsGiven() {
    Instant expired = NOW.minus(Duration.ofDays(3));
    byte[] v2 = signedBy(next(2).toBuilder().expires(expired).build(), m).toJson();
    VerificationReport r = refused(trust.check(v2, NOW), "expiry");
    assertTrue(r.toString().contains("no grace period"), r.toString());
    ManifestTrust graced = trust.withExpiryGrace(Duration.ofDays(7));
    VerificationReport ok = graced.check(v2, NOW);
    assertTrue(ok.passed(), ok.toString());
    assertTrue(ok.check("expiry").orElseThrow().detail().orElseThrow().contains("grace"));
    assertEquals(2, graced.accept(v2, NOW).trusted().version());
    refused(trust.withExpiryGrace(Duration.ofDays(2)).check(v2, NOW), "expiry");
  }

  @Test
  void chainAllowsExpiredIntermediatesButNotAnExpiredEnd() {
    byte[] v2 = signedBy(next(2).toBuilder().expires(NOW.minus(Duration.ofDays(30))).build(), m).toJson();
    byte[] v3 = signedBy(next(3), m).toJson();
    assertEquals(3, trust.trustChain(List.of(v2, v3), NOW).trusted().version());
    VerificationException e = assertThrows(VerificationException.class, () -> trust.trustChain(List.of(v2), NOW));
    refused(e.report(), "expiry");
    VerificationException gap = assertThrows(VerificationException.class, () -> trust.trustChain(List.of(v3), NOW));
    refused(gap.report(), "version");
    VerificationException pinExpired = assertThrows(VerificationException.class,
        () -> trust.trustChain(List.of(), ManifestFixtures.EXPIRES.plusSeconds(1)));
    refused(pinExpired.report(), "expiry");
  }

  @Test
  void overlappingKeyIdsAndUnknownFieldsFailTheFormatRule() throws Exception {
    byte[] v2 = signedBy(next(2), m).toJson();
    byte[] dup = KeyManifestTest.edit(v2, d -> {
      com.fasterxml.jackson.databind.node.ArrayNode keys = (com.fasterxml.jackson.databind.node.ArrayNode)
          d.get("signed").get("keys");
      keys.add(keys.get(0).deepCopy());
    });
    assertTrue(refusedByAccept(dup, "format").toString().contains("overlaps"));
    byte[] unknown = KeyManifestTest.edit(v2, d -> ((ObjectNode) d.get("signed")).put("mirror", "x"));
    refusedByAccept(unknown, "format");
  }

  @Test
  void aHundredMegabyteBodyIsRefusedByTheCapQuickly() {
    KeyManifestTest.CountingStream body = new KeyManifestTest.CountingStream(100L << 20);
    VerificationException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(VerificationException.class, () -> trust.accept(body, NOW)));
    refused(e.report(), "size");
    assertTrue(body.read <= KeyManifest.MAX_BYTES + 1, "read " + body.read);
    refused(trust.check(new byte[KeyManifest.MAX_BYTES + 1], NOW), "size");
  }

  @Test
  void malformedJsonFailsTheJsonRule() {
    refused(trust.check("{\"signed\":{},\"signed\":{}}".getBytes(StandardCharsets.UTF_8), NOW), "json");
    refused(trust.check("not json".getBytes(StandardCharsets.UTF_8), NOW), "json");
    refused(trust.check(new byte[0], NOW), "json");
  }

  @Test
  void aPinMustBeSignedByItsOwnThreshold() {
    byte[] weak = signedBy(unsigned(1, m, 2), List.of(m.get(0))).toJson();
    VerificationException e = assertThrows(VerificationException.class, () -> ManifestTrust.pin(weak));
    refused(e.report(), "threshold-own");
  }

  /** Signers for keys outside the fixtures' member lists. */
  private static final class Signers2 {
    static Signer ec() {
      return dev.countersign.core.Signers.of(ManifestFixtures.ec());
    }

    static Signer ed25519() {
      return dev.countersign.core.Signers.of(ManifestFixtures.ed25519());
    }
  }
}
