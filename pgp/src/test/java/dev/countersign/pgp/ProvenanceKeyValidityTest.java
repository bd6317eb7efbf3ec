package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.helm.Provenance;
import dev.countersign.pgp.helm.ProvenanceLayout;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm 4 semantics: a .prov by a key revoked, expired, or not valid when signing fails {@code key-validity}. */
class ProvenanceKeyValidityTest {
  static final String ARCHIVE = "hashtest-1.2.3.tgz";
  static final Instant T0 = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  static String sign(PgpKey key, Instant unlockAt, Instant signedAt) {
    return Provenance.sign(TestResources.helm("msgblock.yaml"), key.unlock(new char[0], unlockAt),
        ProvenanceLayout.HELM_3_CRC, signedAt);
  }

  static VerificationReport verify(ProvenanceVerifier v, String prov) {
    return v.verify(prov.getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(TestResources.helm(ARCHIVE)),
        ARCHIVE);
  }

  static String failure(VerificationReport r) {
    VerificationCheck c = r.check("key-validity").orElseThrow();
    assertEquals(Status.FAILED, c.status(), r::toString);
    assertEquals(Status.PASSED, r.check("signature").orElseThrow().status(), r::toString);
    return c.actual().orElseThrow();
  }

  static PgpKey expiring() {
    return PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("Exp <exp@example.com>")
        .creationTime(T0).expiresAfter(Duration.ofDays(1)).build().generate();
  }

  @Test
  void keyExpiredAtVerificationTimeFailsButPassesAtAnEarlierTime() {
    PgpKey key = expiring();
    assertEquals(T0.plus(1, ChronoUnit.DAYS), key.expiry().orElseThrow());
    String prov = sign(key, T0.plusSeconds(3600), T0.plusSeconds(3600));
    ProvenanceVerifier v = ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(key)));
    String why = failure(verify(v, prov));
    assertTrue(why.contains("expired on " + T0.plus(1, ChronoUnit.DAYS)) && why.contains(key.fingerprint()), why);
    VerificationReport earlier = verify(v.at(T0.plusSeconds(7200)), prov);
    assertTrue(earlier.passed(), earlier::toString);
    assertEquals(Status.PASSED, earlier.check("key-validity").orElseThrow().status());
  }

  @Test
  void signatureMadeAfterExpiryOrBeforeCreationFails() {
    PgpKey key = expiring();
    ProvenanceVerifier v = ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(key)));
    String late = failure(verify(v.at(T0.plusSeconds(3600)), sign(key, T0, T0.plus(2, ChronoUnit.DAYS))));
    assertTrue(late.contains("had already expired when the signature was made"), late);
    String early = failure(verify(v.at(T0.plusSeconds(3600)), sign(key, T0, T0.minusSeconds(60))));
    assertTrue(early.contains("was not yet valid") && early.contains("created " + T0), early);
  }

  @Test
  void revocationCountsOnlyWhenItsSignatureVerifies() throws Exception {
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("Rev <rev@example.com>")
        .creationTime(Instant.now().minusSeconds(60)).build().generate();
    PgpKey other = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("Oth <oth@example.com>")
        .build().generate();
    String prov = sign(key, Instant.now(), Instant.now().minusSeconds(5));
    PgpKey forged = withRevocation(key, other, RevocationReasonTags.KEY_COMPROMISED, "forged");
    VerificationReport ok = verify(ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(forged))), prov);
    assertTrue(ok.passed(), ok::toString);
    PgpKey revoked = withRevocation(key, key, RevocationReasonTags.KEY_COMPROMISED, "lost laptop");
    assertTrue(revoked.isRevoked());
    String why = failure(verify(ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(revoked))), prov));
    assertTrue(why.contains("was revoked on ") && why.contains("key compromised: \"lost laptop\""), why);
  }

  @Test
  void softRevocationTakesEffectAtItsTime() throws Exception {
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.RSA_3072).userId("Old <old@example.com>")
        .creationTime(T0).build().generate();
    String prov = sign(key, T0.plusSeconds(60), T0.plusSeconds(60));
    PgpKey retired = withRevocation(key, key, RevocationReasonTags.KEY_SUPERSEDED, "new key");
    ProvenanceVerifier v = ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(retired)));
    assertTrue(failure(verify(v, prov)).contains("key superseded: \"new key\""));
    assertTrue(verify(v.at(T0.plusSeconds(120)), prov).passed());
  }

  /** {@code key} with a key-revocation signature made now by {@code by}'s primary key (null: by itself). */
  static PgpKey withRevocation(PgpKey key, PgpKey by, int reason, String text) throws Exception {
    PgpUnlockedKey signer = (by == null ? key : by).unlock(new char[0]);
    PGPSignatureGenerator gen = signer.bcSignatureGenerator(PGPSignature.KEY_REVOCATION);
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
    hashed.setSignatureCreationTime(false, new Date());
    hashed.setRevocationReason(false, (byte) reason, text);
    gen.setHashedSubpackets(hashed.generate());
    PGPPublicKey primary = key.bcPublicKeyRing().getPublicKey();
    PGPSignature rev = gen.generateCertification(primary);
    PGPPublicKeyRing ring = PGPPublicKeyRing.insertPublicKey(key.bcPublicKeyRing(),
        PGPPublicKey.addCertification(primary, rev));
    return PgpKeyring.read(ring.getEncoded()).keys().get(0);
  }

  @Test
  void gpgRevokedKeyFailsHereAndGpgSaysRevokedToo(@TempDir Path dir) throws Exception {
    try (GpgPeer gpg = new GpgPeer(dir)) {
      gpg.ok("--quick-gen-key", "Gpg Rev <gpgrev@example.com>", "ed25519", "sign", "never");
      String fpr = gpg.listFingerprints().get(0);
      PgpKey key = PgpKeyring.read(gpg.ok("--export-secret-keys", fpr)).keys().get(0);
      Path prov = dir.resolve(ARCHIVE + ".prov");
      Files.writeString(prov, sign(key, Instant.now(), Instant.now().plusSeconds(1)));
      Thread.sleep(1100);
      assertTrue(verify(ProvenanceVerifier.withKeyring(PgpKeyring.read(gpg.ok("--export", fpr))),
          Files.readString(prov)).passed());

      GpgPeer.Run rev = gpg.runWithInput("y\n1\nlost laptop\n\ny\n", "--armor", "--output",
          dir.resolve("rev.asc").toString(), "--gen-revoke", fpr);
      assertEquals(0, rev.exit(), rev.stderr());
      gpg.ok("--import", dir.resolve("rev.asc").toString());
      PgpKeyring revoked = PgpKeyring.read(gpg.ok("--export", fpr));
      assertTrue(revoked.keys().get(0).isRevoked());
      String why = failure(verify(ProvenanceVerifier.withKeyring(revoked), Files.readString(prov)));
      assertTrue(why.contains("revoked on") && why.contains("key compromised: \"lost laptop\""), why);

      Files.write(dir.resolve(ARCHIVE), TestResources.helm(ARCHIVE));
      String status = gpg.run("--status-fd", "1", "--verify", prov.toString()).out();
      assertTrue(status.contains("[GNUPG:] REVKEYSIG"), status);
    }
  }

  @Test
  void gpgKeysExpiredInThePastFailNowAndPassAtTheirTime(@TempDir Path dir) throws Exception {
    try (GpgPeer gpg = new GpgPeer(dir)) {
      String t0 = "--faked-system-time=20200101T000000!";
      gpg.ok(t0, "--quick-gen-key", "Short <short@example.com>", "ed25519", "sign", "1d");
      gpg.ok(t0, "--quick-gen-key", "Later <later@example.com>", "rsa3072", "sign", "never");
      List<String> fprs = gpg.listFingerprints();
      Path body = dir.resolve("body.txt");
      Files.write(body, TestResources.helm("msgblock.yaml"));
      Instant signedAt = Instant.parse("2020-01-01T01:00:00Z");
      Instant later = Instant.parse("2020-01-01T12:00:00Z");
      for (String fpr : fprs) {
        Path prov = dir.resolve(fpr + ".prov");
        gpg.ok("--faked-system-time=20200101T010000!", "--local-user", fpr, "--digest-algo", "SHA512",
            "--clearsign", "--output", prov.toString(), body.toString());
      }
      // the second key is given an expiry of one day after the signature was made, as a key owner would
      gpg.ok("--faked-system-time=20200101T020000!", "--quick-set-expire", fprs.get(1), "1d");
      PgpKeyring ring = PgpKeyring.read(gpg.ok("--export"));
      ProvenanceVerifier v = ProvenanceVerifier.withKeyring(ring);
      for (String fpr : fprs) {
        String prov = Files.readString(dir.resolve(fpr + ".prov"));
        assertEquals(signedAt, Provenance.parse(prov.getBytes(StandardCharsets.UTF_8)).signedAt());
        String why = failure(verify(v, prov));
        assertTrue(why.contains("key " + fpr + " expired on 2020-01-0"), why);
        VerificationReport then = verify(v.at(later), prov);
        assertTrue(then.passed(), then::toString);
        String status = gpg.run("--status-fd", "1", "--verify", dir.resolve(fpr + ".prov").toString()).out();
        assertTrue(status.contains("[GNUPG:] EXPKEYSIG"), status);
      }
      assertEquals(Instant.parse("2020-01-02T02:00:00Z"), ring.select(fprs.get(1)).expiry().orElseThrow());
    }
  }
}
