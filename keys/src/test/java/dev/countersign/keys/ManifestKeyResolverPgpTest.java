package dev.countersign.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.KeyQuery;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP keys of the manifest (same rules, verified through their keyring) and files published beside it. */
class ManifestKeyResolverPgpTest {
  static final ResolverFixtures F = new ResolverFixtures();
  static final String FPR = "0123456789ABCDEF0123456789ABCDEF01234567";

  @TempDir Path tmp;

  @Test
  void pgpKeysFollowTheWindowRulesAndPublishedFilesAreReadOverHttp() {
    Path site = tmp.resolve("site");
    F.publish(site);
    byte[] keyring = "not really a keyring".getBytes(StandardCharsets.UTF_8);
    ResolverFixtures.write(site, "keyring-2026-08-01-" + FPR + ".gpg", keyring);
    try (TestKeyServer cdn = CdnLog.serve(site)) {
      ManifestKeyResolver r = ManifestKeyResolver.builder(cdn.url()).trustRoot(F.v1)
          .cacheDirectory(tmp.resolve("cache")).clock(Clock.fixed(F.NOW, ZoneOffset.UTC)).build();
      List<ManifestKey> found = r.resolvePgp(KeyQuery.builder().hint(FPR.toLowerCase()).build());
      assertEquals(1, found.size());
      assertEquals(FPR, found.get(0).pgpFingerprint().orElseThrow());
      assertEquals("active-no-time", r.lastResolution().orElseThrow().decisions().get(0).rule());
      assertTrue(r.resolvePgp(KeyQuery.builder().time(Instant.parse("2026-07-01T00:00:00Z")).build()).isEmpty());
      assertEquals("not-yet-valid", r.lastResolution().orElseThrow().decisions().get(0).rule());
      assertArrayEquals(keyring, r.publishedFile("keyring-2026-08-01-" + FPR + ".gpg", 1 << 20));
      assertThrows(KeyNotFoundException.class, () -> r.publishedFile("absent.gpg", 1 << 20));
      assertThrows(KeyNotFoundException.class, () -> r.publishedFile("../keys.json", 1 << 20));
      assertThrows(KeyNotFoundException.class, () -> r.publishedFile("keyring-2026-08-01-" + FPR + ".gpg", 5));
    }
  }
}
