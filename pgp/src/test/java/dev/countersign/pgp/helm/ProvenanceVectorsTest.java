package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.junit.jupiter.api.Test;

class ProvenanceVectorsTest {
  private static final PGPPublicKeyRingCollection HELM_KEY = HelmVectors.publicKeyring("helm-test-key.pub");
  private static final String TGZ = "hashtest-1.2.3.tgz";

  @Test
  void helmWrittenProvVerifiesAndNamesTheSigner() {
    VerificationReport r = ProvenanceVerifier.withKeyring(HELM_KEY).verify(HelmVectors.path(TGZ));
    assertTrue(r.passed(), r::toString);
    String sig = r.check("signature").orElseThrow().detail().orElseThrow();
    assertTrue(sig.contains("<helm-testing@helm.sh>\""), sig);
    assertTrue(sig.matches("signed by [0-9A-F]{40} .*"), sig);
    String expected = new String(HelmVectors.bytes("hashtest.sha256"), StandardCharsets.US_ASCII).split(" ")[0];
    assertEquals("sha256:" + expected, r.check("archive-digest").orElseThrow().detail().orElseThrow());
    assertEquals(Status.PASSED, r.check("archive-name").orElseThrow().status());
  }

  @Test
  void parsedProvenanceExposesFilesAndMetadata() {
    Provenance p = Provenance.parse(HelmVectors.bytes(TGZ + ".prov"));
    String expected = new String(HelmVectors.bytes("hashtest.sha256"), StandardCharsets.US_ASCII).split(" ")[0];
    assertEquals("sha256:" + expected, p.files().get(TGZ));
    assertEquals("hashtest", p.chartName().orElseThrow());
    assertEquals("1.2.3", p.chartVersion().orElseThrow());
    assertEquals(ProvenanceLayout.HELM_3_CRC, p.layout());
    assertEquals(new String(HelmVectors.bytes("msgblock.yaml"), StandardCharsets.UTF_8).stripTrailing(), p.text());
  }

  @Test
  void msgblockAscVerifies() {
    VerificationReport r = ProvenanceVerifier.withKeyring(HELM_KEY)
        .verify(HelmVectors.bytes("msgblock.yaml.asc"), new ByteArrayInputStream(HelmVectors.bytes(TGZ)), TGZ);
    assertTrue(r.passed(), r::toString);
  }

  @Test
  void tamperedMsgblockFailsTheSignatureCheck() {
    VerificationReport r = ProvenanceVerifier.withKeyring(HELM_KEY)
        .verify(HelmVectors.bytes("msgblock.yaml.tampered"), new ByteArrayInputStream(HelmVectors.bytes(TGZ)), TGZ);
    assertFalse(r.passed());
    assertEquals(Status.FAILED, r.check("signature").orElseThrow().status(), r::toString);
    assertEquals(Status.NOT_PERFORMED, r.check("archive-digest").orElseThrow().status());
  }

  @Test
  void modifiedArchiveFailsTheDigestCheck() {
    byte[] tgz = HelmVectors.bytes(TGZ);
    tgz[tgz.length / 2] ^= 1;
    VerificationReport r = ProvenanceVerifier.withKeyring(HELM_KEY)
        .verify(HelmVectors.bytes(TGZ + ".prov"), new ByteArrayInputStream(tgz), TGZ);
    var digest = r.check("archive-digest").orElseThrow();
    assertEquals(Status.FAILED, digest.status());
    assertTrue(digest.expected().orElseThrow().startsWith("sha256:c6841b3a"));
    assertTrue(digest.actual().orElseThrow().startsWith("sha256:"));
  }

  @Test
  void archiveUnderAnotherNameFailsTheNameCheck() {
    VerificationReport r = ProvenanceVerifier.withKeyring(HELM_KEY)
        .verify(HelmVectors.bytes(TGZ + ".prov"), new ByteArrayInputStream(HelmVectors.bytes(TGZ)), "other-1.0.0.tgz");
    var name = r.check("archive-name").orElseThrow();
    assertEquals(Status.FAILED, name.status());
    assertEquals("other-1.0.0.tgz", name.actual().orElseThrow());
    assertEquals(TGZ, name.expected().orElseThrow());
  }

  @Test
  void unknownKeyFailsTheSignatureCheck() {
    PGPPublicKeyRingCollection other = HelmVectors.publicOf(HelmVectors.secretRing("helm-password-key.secret"));
    VerificationReport r = ProvenanceVerifier.withKeyring(other).verify(HelmVectors.path(TGZ));
    var sig = r.check("signature").orElseThrow();
    assertEquals(Status.FAILED, sig.status());
    assertTrue(sig.actual().orElseThrow().startsWith("key id "), sig::toString);
    assertTrue(sig.detail().orElseThrow().contains("not in the keyring"));
  }

  @Test
  void emptyKeyringFailsTheSignatureCheck() {
    VerificationReport r = ProvenanceVerifier.withKeyring(new PGPPublicKeyRingCollection(List.of()))
        .verify(HelmVectors.path(TGZ));
    assertEquals(Status.FAILED, r.check("signature").orElseThrow().status());
  }

  @Test
  void missingProvIsAFailedCheck(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path tgz = dir.resolve(TGZ);
    java.nio.file.Files.write(tgz, HelmVectors.bytes(TGZ));
    VerificationReport r = ProvenanceVerifier.withKeyring(HELM_KEY).verify(tgz);
    var sig = r.check("signature").orElseThrow();
    assertEquals(Status.FAILED, sig.status());
    assertEquals(TGZ + ".prov", sig.expected().orElseThrow());
    assertEquals("missing", sig.actual().orElseThrow());
  }
}
