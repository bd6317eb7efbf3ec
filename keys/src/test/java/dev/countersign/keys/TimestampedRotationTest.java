package dev.countersign.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.timestamp.TimestampClient;
import dev.countersign.keys.timestamp.TimestampVerifier;
import dev.countersign.testing.servers.TestKeyServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted timestamp decides for the rotation-aware resolver: a key revoked ten minutes ago still verifies a
 * signature whose RFC 3161 timestamp (Bouncy Castle TSA, genTime 30 minutes ago) predates the revocation, is
 * refused for a timestamp after it, and is refused without a timestamp (policy: revoked keys need a trusted time).
 */
class TimestampedRotationTest {
  static final byte[] ARTIFACT = "release built before the key leaked".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  @Test
  void genTimeIsTheSigningTimeTheManifestResolverDecidesBy() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Signer> members = ManifestFixtures.members(3);
    Signer leaked = Signers.of(ManifestFixtures.ec());
    ManifestKey key = ManifestKey.builder().publicKey(leaked.publicKey())
        .validFor(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(60))).files(List.of("pubkey.pem")).build();
    KeyManifest m1 = KeyManifest.builder().version(1).expires(now.plus(Duration.ofDays(365))).threshold(2)
        .members(ManifestFixtures.asMembers(members)).addKey(key).build();
    KeyManifest m2 = m1.toBuilder().version(2).keys(List.of(
        key.toBuilder().revoked(now.minus(Duration.ofMinutes(10)), "private key leaked").build())).build();
    byte[] v1 = ManifestFixtures.signedBy(m1, members.subList(0, 2)).toJson();
    byte[] v2 = ManifestFixtures.signedBy(m2, members.subList(1, 3)).toJson();
    Path site = tmp.resolve("site");
    ResolverFixtures.write(site, "1.keys.json", v1);
    ResolverFixtures.write(site, "2.keys.json", v2);
    ResolverFixtures.write(site, "keys.json", v2);

    BcTsa past = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING).genTimeOffset(Duration.ofMinutes(-30));
    Bundle early;
    Bundle late;
    try (LoopbackTsa tsa = new LoopbackTsa(past::reply)) {
      early = BlobSigner.of(leaked).withTimestamper(TimestampClient.builder(tsa.url()).build()).sign(ARTIFACT)
          .toBundle();
      past.genTimeOffset(Duration.ZERO);
      late = BlobSigner.of(leaked).withTimestamper(TimestampClient.builder(tsa.url()).build()).sign(ARTIFACT)
          .toBundle();
    }
    TimestampVerifier trusted = TimestampVerifier.builder().trustedRootsPem(past.rootPem()).build();

    try (TestKeyServer cdn = CdnLog.serve(site)) {
      ManifestKeyResolver resolver = ManifestKeyResolver.builder(cdn.url()).trustRoot(v1)
          .cacheDirectory(tmp.resolve("cache")).build();
      BlobVerifier verifier = BlobVerifier.of(resolver).withTrustedTimestamps(trusted);

      VerificationReport ok = verifier.checkBundle(new ByteArrayInputStream(ARTIFACT), early);
      assertTrue(ok.passed(), ok.toString());
      assertEquals("signed-before-revocation", decision(resolver, leaked).rule());

      VerificationReport after = verifier.checkBundle(new ByteArrayInputStream(ARTIFACT), late);
      assertFalse(after.passed(), after.toString());
      assertEquals("revoked", decision(resolver, leaked).rule());

      VerificationReport untimed = BlobVerifier.of(resolver).checkBundle(new ByteArrayInputStream(ARTIFACT),
          BlobSigner.of(leaked).sign(ARTIFACT).toBundle());
      assertFalse(untimed.passed(), untimed.toString());
      assertEquals("revoked-no-time", decision(resolver, leaked).rule());
    }
  }

  private static KeyDecision decision(ManifestKeyResolver r, Signer s) {
    return r.lastResolution().orElseThrow().decision(s.keyId()).orElseThrow();
  }
}
