package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-blob --keys URL_OR_DIR --trust-root FILE}: a published 2-of-3 manifest chain served by a real
 * loopback HTTP server; rotation (retired key verifies, revoked and not-yet-valid refused with the rule named),
 * ETag and Cache-Control across runs (requests counted by the server), and cosign's {@code --key https://} with
 * {@code --key-sha256}.
 */
class VerifyBlobWithKeysTest {
  @TempDir Path dir;
  KeySite keys;
  TestKeyServer server;
  /** The CDN's base URL, kept: tests stop the server to make it unreachable. */
  String base;
  Path file;
  Path cache;

  @BeforeEach
  void publish() throws Exception {
    keys = new KeySite(dir.resolve("site"), dir.resolve("keys"));
    server = KeyCdn.serve(keys.site);
    base = server.url();
    file = Files.writeString(dir.resolve("release.tar.gz"), "the release\n");
    cache = dir.resolve("cache");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String signWith(String name) {
    return Cli.withPassword("", "sign-blob", "--key", keys.key(name), file.toString()).expect(0).out();
  }

  Cli.Result verify(String sig, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("verify-blob", "--keys", base,
        "--trust-root", keys.trustRoot(), "--keys-cache", cache.toString(), "--signature", sig));
    args.addAll(List.of(extra));
    args.add(file.toString());
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void currentKeyVerifiesAndTheReportNamesVersionSourceAndRule() {
    Cli.Result r = verify(signWith("current")).expect(0);
    assertTrue(r.err().contains("Key manifest: version 3 from network"), r.err());
    assertTrue(r.err().contains("accepted by rule active-no-time"), r.err());
    assertEquals(List.of("keys.json 200", "2.keys.json 200"), KeyCdn.log(server));
  }

  @Test
  void secondRunRevalidatesWithTheEtag() {
    String sig = signWith("current");
    verify(sig).expect(0);
    Cli.Result again = verify(sig).expect(0);
    assertTrue(again.err().contains("version 3 from not-modified"), again.err());
    assertEquals(List.of("keys.json 200", "2.keys.json 200", "keys.json 304"), KeyCdn.log(server));
  }

  @Test
  void withinMaxAgeASecondRunMakesNoRequest() {
    server.cacheControl("max-age=600");
    String sig = signWith("current");
    verify(sig).expect(0);
    int before = KeyCdn.log(server).size();
    Cli.Result again = verify(sig).expect(0);
    assertTrue(again.err().contains("from fresh-cache"), again.err());
    assertEquals(before, KeyCdn.log(server).size(), KeyCdn.log(server).toString());
  }

  @Test
  void retiredKeyStillVerifiesAnOldSignature() {
    Cli.Result r = verify(signWith("old")).expect(0);
    assertTrue(r.err().contains("(retired): accepted by rule retired-no-time"), r.err());
  }

  @Test
  void revokedKeyIsRefusedWithTheRuleNamed() {
    Cli.Result r = verify(signWith("revoked")).expect(1);
    assertTrue(r.err().contains("the signature was made by key"), r.err());
    assertTrue(r.err().contains("(revoked), refused by rule revoked-no-time"), r.err());
  }

  @Test
  void keyWhoseWindowHasNotBegunIsRefused() {
    Cli.Result r = verify(signWith("next")).expect(1);
    assertTrue(r.err().contains("refused by rule not-yet-valid"), r.err());
  }

  @Test
  void jsonOutputCarriesTheKeyManifestDecisions() throws Exception {
    JsonNode json = new ObjectMapper().readTree(verify(signWith("current"), "-o", "json").expect(0).out());
    assertTrue(json.get("verified").asBoolean());
    JsonNode m = json.get("keyManifest");
    assertEquals(3, m.get("version").asInt());
    assertEquals("network", m.get("source").asText());
    boolean activeAccepted = false;
    for (JsonNode d : m.get("decisions")) {
      activeAccepted |= d.get("accepted").asBoolean() && d.get("rule").asText().equals("active-no-time");
    }
    assertTrue(activeAccepted, m.toString());
  }

  @Test
  void aPublishedDirectoryWorksWithoutAServer() {
    Cli.Result r = Cli.run("verify-blob", "--keys", keys.site.toString(), "--trust-root", keys.trustRoot(),
        "--keys-cache", cache.toString(), "--signature", signWith("current"), file.toString()).expect(0);
    assertTrue(r.err().contains("version 3 from directory"), r.err());
    assertTrue(KeyCdn.log(server).isEmpty());
  }

  @Test
  void aManifestFailingARuleFailsWithTheRuleNamed() {
    String sig = signWith("current");
    verify(sig).expect(0);
    KeySite.write(keys.site, "keys.json", keys.v2);
    Cli.Result r = verify(sig).expect(1);
    assertTrue(r.err().contains("version"), r.err());
  }

  @Test
  void keyAndKeysAreExclusiveAndKeysNeedsATrustRoot() {
    String sig = signWith("current");
    Cli.run("verify-blob", "--key", keys.keysDir.resolve("current.pub").toString(), "--keys", base,
        "--trust-root", keys.trustRoot(), "--signature", sig, file.toString()).expect(2);
    Cli.run("verify-blob", "--signature", sig, file.toString()).expect(2);
    Cli.run("verify-blob", "--keys", base, "--signature", sig, file.toString()).expect(2);
    Cli.run("verify-blob", "--keys", "ftp://example.com/keys/", "--trust-root", keys.trustRoot(), "--signature",
        sig, file.toString()).expect(2);
    Cli.run("verify-blob", "--keys", base, "--trust-root", keys.trustRoot(), "--expiry-grace", "soon",
        "--keys-cache", cache.toString(), "--signature", sig, file.toString()).expect(2);
  }

  @Test
  void cosignStyleHttpsKeyWithAndWithoutASha256Pin() throws Exception {
    String sig = signWith("current");
    String url = base + "pubkey-current.pem";
    String sha = KeyCdn.sha256(Files.readAllBytes(keys.site.resolve("pubkey-current.pem")));
    Cli.run("verify-blob", "--key", url, "--signature", sig, file.toString()).expect(0);
    Cli.run("verify-blob", "--key", url, "--key-sha256", sha, "--signature", sig, file.toString()).expect(0);
    Cli.Result wrong = Cli.run("verify-blob", "--key", url, "--key-sha256", "ab".repeat(32), "--signature", sig,
        file.toString()).expect(1);
    assertTrue(wrong.err().contains("key-sha256") && wrong.err().contains(sha), wrong.err());
    Cli.run("verify-blob", "--key", keys.keysDir.resolve("current.pub").toString(), "--key-sha256", sha,
        "--signature", sig, file.toString()).expect(2);
    Cli.run("verify-blob", "--key", url, "--key-sha256", "xyz", "--signature", sig, file.toString()).expect(2);
    Cli.run("verify-blob", "--key", base + "pubkey-old.pem", "--signature", sig, file.toString())
        .expect(1);
    assertTrue(new String(Files.readAllBytes(keys.site.resolve("pubkey-current.pem")), StandardCharsets.US_ASCII)
        .contains("PUBLIC KEY"));
  }

  @Test
  void anUnreachableCdnFallsBackToTheCachedVerifiedManifestAndSaysSo() {
    String sig = signWith("current");
    verify(sig).expect(0);
    server.close();
    Cli.Result r = verify(sig).expect(0);
    assertTrue(r.err().contains("version 3 from cache (CDN unreachable"), r.err());
  }

  @Test
  void plainHttpToANonLoopbackHostIsRefusedUnlessAllowed() {
    Cli.Result r = Cli.run("verify-blob", "--keys", "http://cdn.example.com/keys/", "--trust-root",
        keys.trustRoot(), "--keys-cache", cache.toString(), "--signature", signWith("current"), file.toString())
        .expect(2);
    assertTrue(r.err().contains("loopback"), r.err());
  }
}
