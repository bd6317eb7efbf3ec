package dev.countersign.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A published directory on disk as the manifest source: same trust rules, no HTTP. */
class ManifestKeyResolverDirectoryTest {
  static final ResolverFixtures F = new ResolverFixtures();
  static final byte[] ARTIFACT = "artifact".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  ManifestKeyResolver resolver(Path site, Instant now) {
    return ManifestKeyResolver.builderFor(site.toString()).trustRoot(F.v1).cacheDirectory(tmp.resolve("cache"))
        .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  @Test
  void readsTheChainFromTheDirectoryAndAppliesTheKeyRules() {
    Path site = tmp.resolve("site");
    F.publish(site);
    ManifestKeyResolver r = resolver(site, F.NOW);
    r.resolve(KeyQuery.byKeyId(F.current.keyId())).get(0).verify(ARTIFACT, F.current.sign(ARTIFACT));
    KeyResolution res = r.lastResolution().orElseThrow();
    assertEquals(ManifestSource.DIRECTORY, res.source());
    assertEquals(3, res.manifestVersion());
    assertEquals(2, r.requestCount(), "keys.json and 2.keys.json read");
    assertTrue(r.resolve(KeyQuery.byKeyId(F.revoked.keyId())).isEmpty());
    assertEquals("revoked-no-time", r.lastResolution().orElseThrow().decision(F.revoked.keyId()).orElseThrow()
        .rule());
  }

  @Test
  void aRolledBackDirectoryIsRefused() {
    Path site = tmp.resolve("site");
    F.publish(site);
    resolver(site, F.NOW).refresh();
    ResolverFixtures.write(site, "keys.json", F.v2);
    VerificationException e = assertThrows(VerificationException.class, () -> resolver(site, F.NOW).refresh());
    assertEquals("version", e.report().failures().get(0).name());
  }

  @Test
  void aMissingIntermediateVersionIsRefusedNotSkipped() throws Exception {
    Path site = tmp.resolve("site");
    F.publish(site);
    Files.delete(site.resolve("2.keys.json"));
    VerificationException e = assertThrows(VerificationException.class, () -> resolver(site, F.NOW).refresh());
    assertEquals("not-found", e.report().failures().get(0).name());
  }

  @Test
  void notADirectoryOrAnUnknownSchemeIsBadInput() {
    assertThrows(InvalidInputException.class, () -> resolver(tmp.resolve("absent"), F.NOW));
    assertThrows(InvalidInputException.class, () -> ManifestKeyResolver.builderFor("ftp://example.com/keys/"));
  }
}
