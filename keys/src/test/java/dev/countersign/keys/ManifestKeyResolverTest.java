package dev.countersign.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifier;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver against a real loopback CDN serving a 2-of-3 manifest chain 1 -> 3 signed with real keys. */
class ManifestKeyResolverTest {
  static final byte[] ARTIFACT = "artifact".getBytes(StandardCharsets.UTF_8);
  static final ResolverFixtures F = new ResolverFixtures();

  @TempDir Path tmp;
  Path site;
  Path cache;
  TestKeyServer cdn;
  /** The CDN's base URL, kept: tests stop the server to make it unreachable. */
  String base;

  @BeforeEach
  void publish() {
    site = tmp.resolve("site");
    cache = tmp.resolve("cache");
    F.publish(site);
    cdn = CdnLog.serve(site);
    base = cdn.url();
  }

  @AfterEach
  void stop() {
    cdn.close();
  }

  ManifestKeyResolver resolver(Instant now) {
    return ManifestKeyResolver.builder(base).trustRoot(F.v1).cacheDirectory(cache)
        .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  static KeyQuery at(Signer s, Instant time) {
    return KeyQuery.builder().keyId(s.keyId()).time(time).build();
  }

  static KeyDecision decision(ManifestKeyResolver r, Signer s) {
    return r.lastResolution().orElseThrow().decision(s.keyId()).orElseThrow();
  }

  @Test
  void fetchesVersionThreeThroughTwoAndVerifiesWithTheCurrentKey() {
    ManifestKeyResolver r = resolver(F.NOW);
    List<Verifier> found = r.resolve(at(F.current, F.NOW));
    assertEquals(1, found.size());
    found.get(0).verify(ARTIFACT, F.current.sign(ARTIFACT));
    KeyResolution res = r.lastResolution().orElseThrow();
    assertEquals(3, res.manifestVersion());
    assertEquals(ManifestSource.NETWORK, res.source());
    assertEquals("active-in-window", decision(r, F.current).rule());
    assertEquals(List.of("keys.json", "2.keys.json"), CdnLog.names(cdn));
    assertTrue(Files.isRegularFile(cache.resolve("3.keys.json")));
    r.resolve(at(F.current, F.NOW));
    assertEquals(2, CdnLog.names(cdn).size(), "a warm resolver asks the CDN again only after maxAge");
  }

  @Test
  void retiredKeyVerifiesASignatureMadeInsideItsWindowOnly() {
    ManifestKeyResolver r = resolver(F.NOW);
    List<Verifier> found = r.resolve(at(F.old, Instant.parse("2026-06-15T00:00:00Z")));
    assertEquals(1, found.size());
    found.get(0).verify(ARTIFACT, F.old.sign(ARTIFACT));
    assertEquals("retired-in-window", decision(r, F.old).rule());
    assertTrue(r.resolve(at(F.old, Instant.parse("2026-09-01T00:00:00Z"))).isEmpty());
    assertEquals("window-ended", decision(r, F.old).rule());
    assertEquals(1, r.resolve(KeyQuery.byKeyId(F.old.keyId())).size());
    assertEquals("retired-no-time", decision(r, F.old).rule());
  }

  @Test
  void untimedRetiredKeysCanBeRefusedByPolicy() {
    ManifestKeyResolver r = ManifestKeyResolver.builder(base).trustRoot(F.v1).cacheDirectory(cache)
        .acceptRetiredWithoutTime(false).clock(Clock.fixed(F.NOW, ZoneOffset.UTC)).build();
    assertTrue(r.resolve(KeyQuery.byKeyId(F.old.keyId())).isEmpty());
    assertEquals("retired-no-time-refused", decision(r, F.old).rule());
  }

  @Test
  void anActiveKeyPastItsWindowCountsAsRetiredWhenThereIsNoSigningTime() {
    Instant afterWindow = Instant.parse("2027-03-01T00:00:00Z");
    ManifestKeyResolver lenient = resolver(afterWindow);
    assertEquals(1, lenient.resolve(KeyQuery.byKeyId(F.current.keyId())).size());
    assertEquals("window-ended-no-time", decision(lenient, F.current).rule());
    ManifestKeyResolver strict = ManifestKeyResolver.builder(base).trustRoot(F.v1).cacheDirectory(cache)
        .acceptRetiredWithoutTime(false).clock(Clock.fixed(afterWindow, ZoneOffset.UTC)).build();
    assertTrue(strict.resolve(KeyQuery.byKeyId(F.current.keyId())).isEmpty());
    assertEquals("window-ended-no-time-refused", decision(strict, F.current).rule());
    assertEquals("active-no-time", decision(resolverAt(F.NOW, F.current), F.current).rule());
  }

  private ManifestKeyResolver resolverAt(Instant now, Signer key) {
    ManifestKeyResolver r = resolver(now);
    r.resolve(KeyQuery.byKeyId(key.keyId()));
    return r;
  }

  @Test
  void revokedKeyIsRefusedFromItsRevocationTime() {
    ManifestKeyResolver r = resolver(F.NOW);
    assertTrue(r.resolve(at(F.revoked, Instant.parse("2026-10-05T00:00:00Z"))).isEmpty());
    KeyDecision d = decision(r, F.revoked);
    assertFalse(d.accepted());
    assertEquals("revoked", d.rule());
    assertTrue(d.detail().contains("private key leaked"), d.detail());
    assertTrue(r.resolve(at(F.revoked, ResolverFixtures.REVOKED_AT)).isEmpty());
    assertTrue(r.resolve(KeyQuery.byKeyId(F.revoked.keyId())).isEmpty());
    assertEquals("revoked-no-time", decision(r, F.revoked).rule());
    assertEquals(1, r.resolve(at(F.revoked, Instant.parse("2026-09-01T00:00:00Z"))).size());
    assertEquals("signed-before-revocation", decision(r, F.revoked).rule());
  }

  @Test
  void keyWhoseWindowHasNotBegunIsRefused() {
    ManifestKeyResolver r = resolver(F.NOW);
    assertTrue(r.resolve(at(F.next, F.NOW)).isEmpty());
    assertEquals("not-yet-valid", decision(r, F.next).rule());
    assertTrue(r.resolve(KeyQuery.byKeyId(F.next.keyId())).isEmpty());
    assertEquals("not-yet-valid", decision(r, F.next).rule());
  }

  @Test
  void anyQueryOffersActiveThenRetiredAndSkipsPgpKeys() {
    ManifestKeyResolver r = resolver(F.NOW);
    List<Verifier> found = r.resolve(KeyQuery.any());
    assertEquals(List.of(F.current.keyId(), F.old.keyId()), found.stream().map(Verifier::keyId).toList());
    KeyId pgp = KeyId.of(F.pgpStandIn.getPublic());
    assertEquals("pgp-not-here", r.lastResolution().orElseThrow().decision(pgp).orElseThrow().rule());
    r.resolve(KeyQuery.builder().hint("pubkey-2026-05-01.pem").build());
    assertEquals(List.of(F.old.keyId()), r.lastResolution().orElseThrow().decisions().stream()
        .map(KeyDecision::keyId).toList());
  }

  @Test
  void rollbackServedByTheCdnIsRefusedWithTheRuleNamed() {
    resolver(F.NOW).refresh();
    ResolverFixtures.write(site, "keys.json", F.v2);
    VerificationException e = assertThrows(VerificationException.class, () -> resolver(F.NOW).refresh());
    assertEquals("version", e.report().failures().get(0).name());
    assertTrue(e.getMessage().contains("rollback"), e.getMessage());
  }

  @Test
  void unreachableCdnUsesTheCachedVerifiedManifestAndSaysSo() {
    resolver(F.NOW).refresh();
    cdn.close();
    ManifestKeyResolver r = resolver(F.NOW);
    assertEquals(1, r.resolve(at(F.current, F.NOW)).size());
    KeyResolution res = r.lastResolution().orElseThrow();
    assertEquals(ManifestSource.CACHE, res.source());
    assertEquals(3, res.manifestVersion());
    assertTrue(res.sourceDetail().contains("unreachable"), res.sourceDetail());
  }

  @Test
  void expiredCacheWithTheCdnDownIsRefused() {
    resolver(F.NOW).refresh();
    cdn.close();
    VerificationException e = assertThrows(VerificationException.class,
        () -> resolver(ManifestFixtures.EXPIRES.plusSeconds(1)).resolve(at(F.current, F.NOW)));
    assertEquals("expiry", e.report().failures().get(0).name());
  }

  @Test
  void unreachableCdnWithoutACacheIsARetryableBackendError() {
    cdn.close();
    BackendException e = assertThrows(BackendException.class, () -> resolver(F.NOW).refresh());
    assertTrue(e.retryable());
  }

  @Test
  void tamperedCacheIsNotTrusted() {
    resolver(F.NOW).refresh();
    cdn.close();
    byte[] forged = new String(F.v3, StandardCharsets.UTF_8).replace("\"version\":3", "\"version\":4")
        .getBytes(StandardCharsets.UTF_8);
    ResolverFixtures.write(cache, "4.keys.json", forged);
    BackendException e = assertThrows(BackendException.class, () -> resolver(F.NOW).refresh());
    assertTrue(e.getMessage().contains("does not verify from the pinned manifest"), e.getMessage());
  }

  @Test
  void plainHttpOnlyForLoopbackUnlessAllowed() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ManifestKeyResolver
        .builder("http://cdn.example.com/keys/").trustRoot(F.v1).cacheDirectory(cache).build());
    assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    ManifestKeyResolver.builder("http://cdn.example.com/keys/").trustRoot(F.v1).cacheDirectory(cache)
        .allowInsecureHttp().build();
    ManifestKeyResolver.builder("https://cdn.example.com/keys").trustRoot(F.v1).cacheDirectory(cache).build();
    ManifestKeyResolver.builder("http://localhost:1/keys/").trustRoot(F.v1).cacheDirectory(cache).build();
  }
}
