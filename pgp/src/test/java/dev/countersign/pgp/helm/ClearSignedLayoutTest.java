package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Armor variants a reader must accept (or refuse) around the Helm vector. */
class ClearSignedLayoutTest {
  private static final String TGZ = "hashtest-1.2.3.tgz";
  private static final String PROV = new String(HelmVectors.bytes(TGZ + ".prov"), StandardCharsets.UTF_8);

  private static VerificationReport verify(String prov) {
    return ProvenanceVerifier.withKeyring(HelmVectors.publicKeyring("helm-test-key.pub"))
        .verify(prov.getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(HelmVectors.bytes(TGZ)), TGZ);
  }

  @Test
  void withoutCrcLine() {
    String noCrc = PROV.replaceAll("\n=[A-Za-z0-9+/]{4}\n", "\n");
    assertEquals(ProvenanceLayout.HELM_4_NO_CRC, Provenance.parse(noCrc.getBytes(StandardCharsets.UTF_8)).layout());
    assertTrue(verify(noCrc).passed());
  }

  @Test
  void withoutBlankLineAfterBegin() {
    assertTrue(verify(PROV.replace("-----BEGIN PGP SIGNATURE-----\n\n", "-----BEGIN PGP SIGNATURE-----\n")).passed());
  }

  @Test
  void withArmorHeadersTrailingNewlineAndCrlf() {
    String variant = PROV.replace("-----BEGIN PGP SIGNATURE-----\n\n",
        "-----BEGIN PGP SIGNATURE-----\nVersion: GnuPG v2\nComment: test\n\n").replace("\n", "\r\n") + "\r\n";
    assertTrue(verify(variant).passed());
  }

  @Test
  void wrongCrcIsRefused() {
    String bad = PROV.replace("=YgnR", "=YgnS");
    var e = assertThrows(InvalidInputException.class, () -> Provenance.parse(bad.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("CRC-24"), e.getMessage());
  }

  @Test
  void headersWithoutBlankLineAreRefused() {
    String bad = PROV.replace("-----BEGIN PGP SIGNATURE-----\n\n", "-----BEGIN PGP SIGNATURE-----\nComment: x\n");
    assertThrows(InvalidInputException.class, () -> Provenance.parse(bad.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void otherMessageHeadersAndHashMismatchAreRefused() {
    assertThrows(InvalidInputException.class, () -> Provenance.parse(
        PROV.replace("Hash: SHA512\n", "Hash: SHA512\nCharset: UTF-8\n").getBytes(StandardCharsets.UTF_8)));
    var e = assertThrows(InvalidInputException.class, () -> Provenance.parse(
        PROV.replace("Hash: SHA512", "Hash: SHA256").getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("Hash header"), e.getMessage());
  }
}
