package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartSignerTest {
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
  private static final PgpKey HELM_KEY = PgpKeyring.read(HelmVectors.bytes("helm-test-key.secret")).keys().get(0);

  @Test
  void resigningTheVectorArchiveGivesHelmsBody(@TempDir Path dir) throws Exception {
    Path tgz = dir.resolve("hashtest-1.2.3.tgz");
    Files.write(tgz, HelmVectors.bytes("hashtest-1.2.3.tgz"));
    assertArrayEquals(HelmVectors.bytes("msgblock.yaml"), ChartSigner.body(tgz));
    Path prov = ChartSigner.sign(tgz, HELM_KEY.unlock(new char[0], AT), ProvenanceLayout.HELM_3_CRC, AT);
    String helm = new String(HelmVectors.bytes("hashtest-1.2.3.tgz.prov"), StandardCharsets.UTF_8);
    String ours = Files.readString(prov);
    String head = helm.substring(0, helm.indexOf("-----BEGIN PGP SIGNATURE-----"));
    assertTrue(ours.startsWith(head), ours);
    VerificationReport r = ProvenanceVerifier.withKeyring(PgpKeyring.read(HelmVectors.bytes("helm-test-key.pub")))
        .verify(tgz);
    assertTrue(r.passed(), r::toString);
    try (GnuPG gpg = new GnuPG(dir)) {
      gpg.ok("--import", HelmVectors.path("helm-test-key.pub").toString());
      gpg.ok("--verify", prov.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(ProvenanceLayout.class)
  void packagedAndSignedChartVerifiesWithGpgAndHere(ProvenanceLayout layout, @TempDir Path dir) throws Exception {
    Path chart = dir.resolve("web");
    ChartPackagerTest.write(chart, "Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"
        + "description: A web app whose description is long enough to be folded by go-yaml at column eighty\n"
        + "sources:\n- https://git.example.com/web\nkeywords: [\"-dash\", git]\n");
    ChartPackagerTest.write(chart, "templates/svc.yaml", "kind: Service\n");
    Path tgz = ChartPackager.builder(chart).destination(dir.resolve("out")).modificationTime(AT).build().write();
    Path prov = ChartSigner.sign(tgz, HELM_KEY.unlock(new char[0], AT), layout, AT);
    assertEquals(tgz.getFileName() + ".prov", prov.getFileName().toString());
    Provenance p = Provenance.parse(Files.readAllBytes(prov));
    String sha = ChartPackagerTest.run(dir, "sha256sum", tgz.toString()).split(" ")[0];
    assertEquals("sha256:" + sha, p.files().get("web-1.0.0.tgz"));
    assertTrue(p.text().contains("\nsources:\n- https://git.example.com/web\n"), p.text());
    String provText = Files.readString(prov);
    assertTrue(provText.contains("\nkeywords:\n- - -dash\n- - git\n"), provText); // list items dash-escaped
    assertTrue(provText.contains("\ndescription: A web app whose description is long enough to be folded by go-yaml"
        + " at\n  column eighty\n"), provText);
    VerificationReport r = ProvenanceVerifier.withKeyring(PgpKeyring.read(HelmVectors.bytes("helm-test-key.pub")))
        .verify(tgz);
    assertTrue(r.passed(), r::toString);
    try (GnuPG gpg = new GnuPG(dir)) {
      gpg.ok("--import", HelmVectors.path("helm-test-key.pub").toString());
      GnuPG.Run v = gpg.ok("--verify", prov.toString());
      assertTrue(v.stderr().contains("Good signature"), v.stderr());
      GnuPG.Run text = gpg.ok("--decrypt", prov.toString());
      assertArrayEquals(ChartSigner.body(tgz), text.stdout());
    }
  }
}
