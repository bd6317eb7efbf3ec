package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.WrongPasswordException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProvenanceSignTest {
  private static final String TGZ = "hashtest-1.2.3.tgz";
  private static final PGPSecretKeyRing HELM = HelmVectors.secretRing("helm-test-key.secret");
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

  @ParameterizedTest
  @EnumSource(ProvenanceLayout.class)
  void signedProvVerifiesWithTheHelmPublicKey(ProvenanceLayout layout) {
    String prov = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), HELM.getSecretKey(), new char[0], layout, AT);
    VerificationReport r = ProvenanceVerifier.withKeyring(HelmVectors.publicKeyring("helm-test-key.pub"))
        .verify(prov.getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(HelmVectors.bytes(TGZ)), TGZ);
    assertTrue(r.passed(), r::toString);
    Provenance p = Provenance.parse(prov.getBytes(StandardCharsets.UTF_8));
    assertEquals(layout, p.layout());
    assertEquals(AT, p.signedAt());
  }

  @Test
  void unlockedKeySignsTheSameBytesAsTheSecretKey() {
    dev.countersign.pgp.PgpKey key = dev.countersign.pgp.PgpKeyring.read(HelmVectors.bytes("helm-test-key.secret"))
        .keys().get(0);
    String viaUnlocked = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), key.unlock(new char[0], AT),
        ProvenanceLayout.HELM_3_CRC, AT);
    String viaSecret = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), HELM.getSecretKey(), new char[0],
        ProvenanceLayout.HELM_3_CRC, AT);
    assertEquals(viaSecret, viaUnlocked);
  }

  @Test
  void helm3LayoutIsByteForByteLikeHelm() {
    String prov = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), HELM.getSecretKey(), new char[0],
        ProvenanceLayout.HELM_3_CRC, AT);
    String helm = new String(HelmVectors.bytes(TGZ + ".prov"), StandardCharsets.UTF_8);
    String head = helm.substring(0, helm.indexOf("-----BEGIN PGP SIGNATURE-----\n\n") + 31);
    assertTrue(prov.startsWith(head), prov);
    assertFalse(prov.contains("\r"));
    assertFalse(prov.contains("\nVersion:"));
    assertTrue(prov.endsWith("\n-----END PGP SIGNATURE-----"));
    assertTrue(prov.matches("(?s).*\n=[A-Za-z0-9+/]{4}\n-----END PGP SIGNATURE-----"), prov);
    for (String line : prov.substring(head.length()).split("\n")) {
      assertTrue(line.length() <= 64, line);
    }
    String again = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), HELM.getSecretKey(), new char[0],
        ProvenanceLayout.HELM_3_CRC, AT);
    assertEquals(prov, again);
  }

  @Test
  void helm4LayoutHasNoCrc() {
    String prov = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), HELM.getSecretKey(), new char[0],
        ProvenanceLayout.HELM_4_NO_CRC, AT);
    assertFalse(prov.matches("(?s).*\n=[A-Za-z0-9+/]{4}\n-----END PGP SIGNATURE-----"), prov);
    assertTrue(prov.contains("-----BEGIN PGP SIGNATURE-----\n\n"));
    assertTrue(prov.endsWith("\n-----END PGP SIGNATURE-----"));
  }

  @Test
  void passwordKeySignsWithItsPassphraseAndZeroesIt() {
    PGPSecretKeyRing ring = HelmVectors.secretRing("helm-password-key.secret");
    char[] pass = "secret".toCharArray();
    String prov = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), ring.getSecretKey(), pass);
    assertArrayEquals(new char[6], pass);
    VerificationReport r = ProvenanceVerifier.withKeyring(HelmVectors.publicOf(ring))
        .verify(prov.getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(HelmVectors.bytes(TGZ)), TGZ);
    assertTrue(r.passed(), r::toString);
  }

  @Test
  void wrongPassphraseIsAWrongPasswordError() {
    PGPSecretKeyRing ring = HelmVectors.secretRing("helm-password-key.secret");
    char[] pass = "nope".toCharArray();
    assertThrows(WrongPasswordException.class,
        () -> Provenance.sign(HelmVectors.bytes("msgblock.yaml"), ring.getSecretKey(), pass));
    assertArrayEquals(new char[4], pass);
  }

  @Test
  void bodyThatIsNotAProvenanceBodyIsRefused() {
    var e = assertThrows(InvalidInputException.class, () -> Provenance.sign(
        "just text\n".getBytes(StandardCharsets.UTF_8), HELM.getSecretKey(), new char[0]));
    assertTrue(e.getMessage().contains("sections"), e.getMessage());
  }

  @Test
  void crlfBodyAndTrailingWhitespaceSignTheSameText() {
    String lf = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), HELM.getSecretKey(), new char[0],
        ProvenanceLayout.HELM_3_CRC, AT);
    byte[] crlf = new String(HelmVectors.bytes("msgblock.yaml"), StandardCharsets.UTF_8).replace("\n", " \t\r\n")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(lf, Provenance.sign(crlf, HELM.getSecretKey(), new char[0], ProvenanceLayout.HELM_3_CRC, AT));
  }
}
