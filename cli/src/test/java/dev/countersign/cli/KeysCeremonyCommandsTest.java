package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key ceremony through the CLI: a 2-of-3 draft passed between members, publication, rotation, status. */
class KeysCeremonyCommandsTest {
  private static final String PW = "ceremony-pw";

  @TempDir
  Path tmp;

  Path pub;

  @BeforeEach
  void members() {
    pub = tmp.resolve("cdn");
    for (String name : List.of("m1", "m2", "m3", "release")) {
      Cli.withPassword(PW, "generate-key-pair", "--output-key-prefix", tmp.resolve(name).toString()).expect(0);
    }
  }

  private String f(String name) {
    return tmp.resolve(name).toString();
  }

  /** Proposes the first manifest (2 of m1..m3, key release.pub) into {@code where}; returns the draft path. */
  private String proposeFirst(String where, String draft) {
    Cli.Result r = Cli.run("keys", "propose", "--dir", where, "--member", f("m1.pub"), "--member", f("m2.pub"),
        "--member", f("m3.pub"), "--threshold", "2", "--add-key", f("release.pub"), "--output-file", f(draft))
        .expect(0);
    assertTrue(r.out().contains("first key manifest, version 1"), r.out());
    assertTrue(r.out().contains("threshold: 2 of 3 members"), r.out());
    assertTrue(r.out().contains("key added: "), r.out());
    return f(draft);
  }

  @Test
  void twoOfThreeCeremonyPublishesOnlyAtThreshold() throws Exception {
    String draft = proposeFirst(pub.toString(), "v1.draft.json");
    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), draft).expect(0);
    Cli.Result refused = Cli.run("keys", "publish", "--dir", pub.toString(), draft).expect(1);
    assertTrue(refused.err().contains("threshold-own"), refused.err());
    assertFalse(Files.exists(pub.resolve("keys.json")), "nothing published below the threshold");

    Cli.Result twice = Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), draft).expect(2);
    assertTrue(twice.err().contains("already signed"), twice.err());
    Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), draft).expect(0);
    Cli.Result ok = Cli.run("keys", "publish", "--dir", pub.toString(), draft).expect(0);
    assertTrue(ok.out().contains("Published key manifest version 1"), ok.out());

    String pem = "pubkey-" + LocalDate.now(ZoneOffset.UTC) + ".pem";
    for (String name : List.of("keys.json", "1.keys.json", "1.ceremony.json", pem)) {
      assertTrue(Files.isRegularFile(pub.resolve(name)), name);
    }
    assertEquals(Files.readString(tmp.resolve("release.pub")), Files.readString(pub.resolve(pem)));
    KeyManifest v1 = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json")));
    assertEquals(2, v1.signatures().size());
    String transcript = Files.readString(pub.resolve("1.ceremony.json"));
    assertTrue(transcript.contains("\"signedAt\""), transcript);

    // the published key verifies what the release key signs
    Path blob = Files.writeString(tmp.resolve("artifact.txt"), "release 1\n");
    Cli.withPassword(PW, "sign-blob", "--key", f("release.key"), "--output-signature", f("artifact.sig"),
        blob.toString()).expect(0);
    Cli.run("verify-blob", "--key", pub.resolve(pem).toString(), "--signature", f("artifact.sig"), blob.toString())
        .expect(0);

    // a non-member's signature does not count
    Cli.Result stray = Cli.run("keys", "propose", "--dir", pub.toString(), "--revoke", f("release.pub"),
        "--reason", "key compromised", "--output-file", f("v2.draft.json")).expect(0);
    assertTrue(stray.out().contains("key revoked: "), stray.out());
    Cli.withPassword(PW, "keys", "sign", "--key", f("release.key"), f("v2.draft.json")).expect(0);
    Cli.withPassword(PW, "keys", "sign", "--key", f("m3.key"), f("v2.draft.json")).expect(0);
    Cli.Result oneMember = Cli.run("keys", "publish", "--dir", pub.toString(), f("v2.draft.json")).expect(1);
    assertTrue(oneMember.err().contains("threshold-previous"), oneMember.err());
    assertEquals(1, KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json"))).version());
  }

  private void publishFirst() {
    String draft = proposeFirst(pub.toString(), "v1.draft.json");
    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), draft).expect(0);
    Cli.withPassword(PW, "keys", "sign", "--key", f("m3.key"), draft).expect(0);
    Cli.run("keys", "publish", "--dir", pub.toString(), draft).expect(0);
  }

  @Test
  void rotateATinkKeysetAddsANewPrimaryToACopyAndPublishesItsPublicKey() throws Exception {
    publishFirst();
    Path keyset = tmp.resolve("release.keyset.json");
    Files.writeString(keyset, dev.countersign.core.keys.TinkKeyset.generate(
        dev.countersign.core.SignatureAlgorithm.ECDSA_P256_SHA256).toCleartextJson());
    String before = Files.readString(keyset);
    Cli.Result rotated = Cli.run("keys", "rotate", "--dir", pub.toString(), "--type", "tink", "--keyset",
        keyset.toString(), "--output-file", f("rotate.json")).expect(0);
    Path copy = tmp.resolve("rotate.keyset.json");
    assertTrue(rotated.err().contains("Rotated Tink keyset written to " + copy), rotated.err());
    assertEquals(before, Files.readString(keyset), "the keyset in use is not touched before quorum");
    dev.countersign.core.keys.TinkKeyset next = dev.countersign.core.keys.TinkKeyset.readCleartext(
        Files.readAllBytes(copy));
    assertEquals(2, next.keys().size());

    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("rotate.json")).expect(0);
    Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), f("rotate.json")).expect(0);
    Cli.run("keys", "publish", "--dir", pub.toString(), f("rotate.json")).expect(0);
    ManifestKey added = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json"))).keys().get(1);
    assertEquals(next.primaryKey().keyId(), added.keyId());

    // the rotated keyset signs with its new primary; the published pem verifies that signature
    Path blob = Files.writeString(tmp.resolve("artifact.txt"), "release 2\n");
    Cli.run("sign-blob", "--key", copy.toString(), "--output-signature", f("a.sig"), blob.toString()).expect(0);
    Cli.run("verify-blob", "--key", pub.resolve(added.files().get(0)).toString(), "--signature", f("a.sig"),
        blob.toString()).expect(0);

    Cli.Result noKeyset = Cli.run("keys", "rotate", "--dir", pub.toString(), "--type", "tink", "--output-file",
        f("other.json")).expect(2);
    assertTrue(noKeyset.err().contains("--type tink needs --keyset"), noKeyset.err());
    Cli.Result stray = Cli.run("keys", "rotate", "--dir", pub.toString(), "--type", "file", "--keyset",
        keyset.toString(), "--output-file", f("other.json")).expect(2);
    assertTrue(stray.err().contains("--keyset goes with --type tink"), stray.err());
  }

  @Test
  void rotateWithAFileKeyRetiresTheCurrentKey() throws Exception {
    publishFirst();
    KeyManifest v1 = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json")));
    Cli.Result rotated = Cli.withPassword(PW, "keys", "rotate", "--dir", pub.toString(), "--type", "file",
        "--output-file", f("rotate.json")).expect(0);
    assertTrue(rotated.err().contains("Private key of the new signing key written to " + f("rotate.key")),
        rotated.err());
    assertTrue(rotated.out().contains("key retired: "), rotated.out());
    assertTrue(Files.isRegularFile(tmp.resolve("rotate.key")) && Files.isRegularFile(tmp.resolve("rotate.pub")));

    Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), f("rotate.json")).expect(0);
    Cli.Result below = Cli.run("keys", "publish", "--dir", pub.toString(), f("rotate.json")).expect(1);
    assertTrue(below.err().contains("threshold"), below.err());
    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("rotate.json")).expect(0);
    Cli.run("keys", "publish", "--dir", pub.toString(), f("rotate.json")).expect(0);

    KeyManifest v2 = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json")));
    assertEquals(2, v2.version());
    ManifestKey old = v2.keys().get(0);
    ManifestKey next = v2.keys().get(1);
    assertEquals(v1.keys().get(0).keyId(), old.keyId());
    assertEquals(KeyStatus.RETIRED, old.status());
    assertEquals(KeyStatus.ACTIVE, next.status());
    assertEquals(old.validUntil().orElseThrow().minus(java.time.Duration.ofDays(14)), next.validFrom());
    assertEquals(java.time.Duration.ofDays(90), java.time.Duration.between(next.validFrom(),
        next.validUntil().orElseThrow()));
    assertTrue(Files.isRegularFile(pub.resolve("2.keys.json")));
    String nextPem = next.files().get(0);
    assertEquals(Files.readString(tmp.resolve("rotate.pub")), Files.readString(pub.resolve(nextPem)));

    // the new key signs; the signature verifies with the published file
    Path blob = Files.writeString(tmp.resolve("artifact.txt"), "release 2\n");
    Cli.withPassword(PW, "sign-blob", "--key", f("rotate.key"), "--output-signature", f("a.sig"), blob.toString())
        .expect(0);
    Cli.run("verify-blob", "--key", pub.resolve(nextPem).toString(), "--signature", f("a.sig"), blob.toString())
        .expect(0);

    // status follows the chain 1 -> 2 from the pinned root
    Cli.Result status = Cli.run("keys", "status", "--keys", pub.toString(), "--trust-root",
        pub.resolve("1.keys.json").toString()).expect(0);
    assertTrue(status.out().contains("key manifest version 2"), status.out());
    // rotated early, the next key's window starts at the overlap: pending until then, due 76 + 76 days out; the
    // old key is retired but its window runs on, so status says until when
    assertTrue(status.out().contains(" retiring until ") && status.out().contains(" pending"), status.out());
    assertTrue(status.out().matches("(?s).*rotation due in 15[01] days.*"), status.out());
  }

  @Test
  void statusFailsWhenRotationIsDueWithinTheGivenTime() throws Exception {
    publishFirst();
    String root = pub.resolve("1.keys.json").toString();
    // an open-ended key is due at start + 90d - 14d = 76 days from now (75 whole days after a few seconds)
    Cli.Result ok = Cli.run("keys", "status", "--keys", pub.toString(), "--trust-root", root,
        "--fail-if-due-within", "7d").expect(0);
    assertTrue(ok.out().matches("(?s).*rotation due in 7[56] days.*"), ok.out());
    Cli.Result due = Cli.run("keys", "status", "--keys", pub.toString(), "--trust-root", root,
        "--fail-if-due-within", "80d").expect(1);
    assertTrue(due.err().contains("rotation due in"), due.err());
    Cli.Result shorter = Cli.run("keys", "status", "--keys", pub.toString(), "--trust-root", root,
        "--validity", "30d", "--overlap", "7d", "--fail-if-due-within", "36h").expect(0);
    assertTrue(shorter.out().matches("(?s).*rotation due in 2[23] days.*"), shorter.out());

    // a root that is not the one the chain starts from: refused, the rule named
    Files.writeString(pub.resolve("keys.json"), "{\"signed\": {}}");
    Cli.Result bad = Cli.run("keys", "status", "--keys", pub.toString(), "--trust-root", root);
    assertEquals(2, bad.exit(), bad.err());
    Cli.Result badDuration = Cli.run("keys", "status", "--keys", pub.toString(), "--trust-root", root,
        "--fail-if-due-within", "a week");
    assertEquals(2, badDuration.exit());
    assertTrue(badDuration.err().contains("--fail-if-due-within must be a duration"), badDuration.err());
  }

  @Test
  void publishesToAnOriginByHttpPutWithKeysJsonLast() throws Exception {
    try (TestKeyServer origin = KeyCdn.origin()) {
      String draft = proposeFirst(origin.url(), "origin.draft.json");
      Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), draft).expect(0);
      Cli.Result refused = Cli.run("keys", "publish", "--dir", origin.url(), draft).expect(1);
      assertTrue(refused.err().contains("threshold-own"), refused.err());
      assertEquals(List.of(), KeyCdn.calls(origin).stream().filter(r -> r.startsWith("PUT ")).toList(),
          "nothing uploaded below the threshold");
      Cli.withPassword(PW, "keys", "sign", "--key", f("m3.key"), draft).expect(0);
      Cli.run("keys", "publish", "--dir", origin.url(), draft).expect(0);

      List<String> puts = KeyCdn.calls(origin).stream().filter(r -> r.startsWith("PUT ")).collect(Collectors.toList());
      String pem = "pubkey-" + LocalDate.now(ZoneOffset.UTC) + ".pem";
      assertEquals(List.of("PUT " + pem, "PUT 1.keys.json", "PUT 1.ceremony.json", "PUT keys.json"), puts);
      assertEquals(Files.readString(tmp.resolve("release.pub")), new String(origin.content(pem).orElseThrow(),
          java.nio.charset.StandardCharsets.US_ASCII));

      // the origin also serves them: status reads the manifest over loopback HTTP
      Path root = Files.write(tmp.resolve("root.json"), origin.content("1.keys.json").orElseThrow());
      Cli.Result status = Cli.run("keys", "status", "--keys", origin.url(), "--trust-root", root.toString())
          .expect(0);
      assertTrue(status.out().contains("key manifest version 1"), status.out());

      // a rotation proposed from the origin and published to it
      Cli.withPassword(PW, "keys", "rotate", "--dir", origin.url(), "--type", "file", "--output-file",
          f("r.json")).expect(0);
      Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("r.json")).expect(0);
      Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), f("r.json")).expect(0);
      Cli.run("keys", "publish", "--dir", origin.url(), f("r.json")).expect(0);
      assertEquals(2, KeyManifest.parse(origin.content("keys.json").orElseThrow()).version());
      List<String> calls = KeyCdn.calls(origin);
      assertEquals("PUT keys.json", calls.get(calls.size() - 1));
    }
  }

  @Test
  void staleTamperedAndUnsignedDraftsAreRefused() throws Exception {
    publishFirst();
    // two drafts proposed from version 1; once one is published the other is stale
    Cli.run("keys", "propose", "--dir", pub.toString(), "--threshold", "3", "--output-file", f("a.json")).expect(0);
    Cli.run("keys", "propose", "--dir", pub.toString(), "--threshold", "1", "--output-file", f("b.json")).expect(0);
    for (String m : List.of("m1", "m2", "m3")) {
      Cli.withPassword(PW, "keys", "sign", "--key", f(m + ".key"), f("a.json")).expect(0);
    }
    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("b.json")).expect(0);
    Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), f("b.json")).expect(0);
    Cli.run("keys", "publish", "--dir", pub.toString(), f("a.json")).expect(0);
    Cli.Result stale = Cli.run("keys", "publish", "--dir", pub.toString(), f("b.json")).expect(1);
    assertTrue(stale.err().contains("version"), stale.err());
    assertEquals(2, KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json"))).version());

    // a draft re-serialised (not canonical) is refused before anything else
    String text = Files.readString(tmp.resolve("b.json"));
    Files.writeString(tmp.resolve("pretty.json"), text.replace("{\"manifest\":", "{ \"manifest\":"));
    Cli.Result pretty = Cli.run("keys", "publish", "--dir", pub.toString(), f("pretty.json")).expect(2);
    assertTrue(pretty.err().contains("canonical"), pretty.err());
    // an existing draft is never overwritten by propose
    Cli.Result exists = Cli.run("keys", "propose", "--dir", pub.toString(), "--threshold", "2", "--output-file",
        f("a.json")).expect(2);
    assertTrue(exists.err().contains("already exists"), exists.err());
    // a change that changes nothing
    Cli.Result nothing = Cli.run("keys", "propose", "--dir", pub.toString(), "--threshold", "3", "--output-file",
        f("c.json")).expect(2);
    assertTrue(nothing.err().contains("leave the manifest as it is"), nothing.err());
  }

  @Test
  void anOriginThatFailsAnUploadNeverGetsKeysJson() throws Exception {
    try (TestKeyServer origin = KeyCdn.origin()) {
      String draft = proposeFirst(origin.url(), "d.json");
      Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), draft).expect(0);
      Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), draft).expect(0);
      origin.enqueue(Fault.status(500).on("PUT", "/keys/1\\.keys\\.json"));
      Cli.Result failed = Cli.run("keys", "publish", "--dir", origin.url(), draft).expect(2);
      assertTrue(failed.err().contains("PUT 1.keys.json") && failed.err().contains("500"), failed.err());
      assertFalse(origin.content("keys.json").isPresent());
      assertEquals(0, origin.pendingFaults(), "one PUT, not retried");
      Cli.run("keys", "publish", "--dir", origin.url(), draft).expect(0);
      assertEquals(1, KeyManifest.parse(origin.content("keys.json").orElseThrow()).version());
    }
  }

  @Test
  void refusesPlainHttpToOtherHostsAndAliasesAsKeys() {
    Cli.Result http = Cli.run("keys", "propose", "--dir", "http://cdn.example.com/keys/", "--member",
        f("m1.pub"), "--threshold", "1", "--output-file", f("x.json"));
    assertEquals(2, http.exit());
    assertTrue(http.err().contains("loopback"), http.err());
    Cli.Result alias = Cli.run("keys", "propose", "--dir", pub.toString(), "--member", f("m1.pub"),
        "--threshold", "1", "--add-key", "awskms:///alias/release", "--output-file", f("y.json"));
    assertEquals(2, alias.exit());
    assertTrue(alias.err().contains("never an alias"), alias.err());
    Cli.Result noThreshold = Cli.run("keys", "propose", "--dir", pub.toString(), "--member", f("m1.pub"),
        "--output-file", f("z.json"));
    assertEquals(2, noThreshold.exit());
    assertTrue(noThreshold.err().contains("--threshold"), noThreshold.err());
  }
}
