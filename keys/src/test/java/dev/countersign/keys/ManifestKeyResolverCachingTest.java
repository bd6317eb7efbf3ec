package dev.countersign.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyQuery;
import dev.countersign.core.VerificationException;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ETag revalidation and Cache-Control freshness of the disk cache, across resolvers (as across CLI runs), with the
 * requests counted both by the resolver and by the real loopback server.
 */
class ManifestKeyResolverCachingTest {
  static final ResolverFixtures F = new ResolverFixtures();
  static final byte[] ARTIFACT = "artifact".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  Path site;
  Path cache;
  TestKeyServer cdn;

  @BeforeEach
  void publish() {
    site = tmp.resolve("site");
    cache = tmp.resolve("cache");
    F.publish(site);
    cdn = CdnLog.serve(site);
  }

  @AfterEach
  void stop() {
    cdn.close();
  }

  ManifestKeyResolver resolver(Instant now) {
    return ManifestKeyResolver.builder(cdn.url()).trustRoot(F.v1).cacheDirectory(cache)
        .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  static KeyQuery current() {
    return KeyQuery.byKeyId(F.current.keyId());
  }

  @Test
  void etagRevalidationReusesTheCachedChainOn304() {
    cdn.etags(true);
    ManifestKeyResolver cold = resolver(F.NOW);
    cold.resolve(current());
    assertEquals(2, cold.requestCount(), "cold start: keys.json and the one intermediate version");
    assertEquals(ManifestSource.NETWORK, cold.lastResolution().orElseThrow().source());
    ManifestKeyResolver warm = resolver(F.NOW);
    warm.resolve(current()).get(0).verify(ARTIFACT, F.current.sign(ARTIFACT));
    KeyResolution res = warm.lastResolution().orElseThrow();
    assertEquals(ManifestSource.NOT_MODIFIED, res.source());
    assertEquals(3, res.manifestVersion());
    assertEquals(1, warm.requestCount());
    assertEquals(List.of("keys.json"), CdnLog.conditional(cdn));
    assertEquals(List.of("keys.json", "2.keys.json", "keys.json"), CdnLog.names(cdn));
  }

  @Test
  void aChangedManifestIsFetchedDespiteTheEtagAndARollbackStillRefused() {
    cdn.etags(true);
    resolver(F.NOW).refresh();
    ResolverFixtures.write(site, "keys.json", F.v2);
    VerificationException e = assertThrows(VerificationException.class, () -> resolver(F.NOW).refresh());
    assertEquals("version", e.report().failures().get(0).name());
  }

  @Test
  void withinMaxAgeAWarmCacheMakesNoRequestAtAll() {
    cdn.cacheControl("public, max-age=600");
    resolver(F.NOW).refresh();
    int before = CdnLog.names(cdn).size();
    ManifestKeyResolver warm = resolver(F.NOW.plus(Duration.ofMinutes(9)));
    warm.resolve(current()).get(0).verify(ARTIFACT, F.current.sign(ARTIFACT));
    assertEquals(0, warm.requestCount());
    assertEquals(before, CdnLog.names(cdn).size());
    assertEquals(ManifestSource.FRESH_CACHE, warm.lastResolution().orElseThrow().source());
    assertEquals("active-no-time", warm.lastResolution().orElseThrow().decision(F.current.keyId()).orElseThrow()
        .rule());
    ManifestKeyResolver stale = resolver(F.NOW.plus(Duration.ofMinutes(11)));
    stale.refresh();
    assertEquals(1, stale.requestCount());
    assertEquals(before + 1, CdnLog.names(cdn).size());
  }

  @Test
  void aHugeMaxAgeIsCappedAtOneDay() {
    cdn.cacheControl("max-age=31536000");
    resolver(F.NOW).refresh();
    ManifestKeyResolver inADay = resolver(F.NOW.plus(Duration.ofHours(23)));
    inADay.refresh();
    assertEquals(0, inADay.requestCount());
    ManifestKeyResolver later = resolver(F.NOW.plus(Duration.ofHours(25)));
    later.refresh();
    assertEquals(1, later.requestCount());
  }

  @Test
  void noCacheOrNoHeaderRevalidatesEveryTime() {
    cdn.cacheControl("no-cache");
    resolver(F.NOW).refresh();
    ManifestKeyResolver again = resolver(F.NOW.plusSeconds(1));
    again.refresh();
    assertEquals(1, again.requestCount());
    cdn.cacheControl(null);
    ManifestKeyResolver plain = resolver(F.NOW.plusSeconds(2));
    plain.refresh();
    assertEquals(1, plain.requestCount());
  }

  @Test
  void freshnessNeverOutlivesTheManifestExpiry() {
    cdn.cacheControl("max-age=86400");
    cdn.etags(true);
    resolver(ManifestFixtures.EXPIRES.minusSeconds(60)).refresh();
    VerificationException e = assertThrows(VerificationException.class,
        () -> resolver(ManifestFixtures.EXPIRES.plusSeconds(1)).refresh());
    assertEquals("expiry", e.report().failures().get(0).name());
    assertTrue(e.getMessage().contains("304") || e.getMessage().contains("expire"), e.getMessage());
  }
}
