package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.internal.helm.CanonicalText;
import dev.countersign.pgp.internal.helm.ClearSignatures;
import dev.countersign.pgp.internal.helm.ClearSignedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;

class ProvenanceBadInputProperties {
  private static final String TGZ = "hashtest-1.2.3.tgz";
  private static final PGPSecretKey KEY = HelmVectors.secretRing("helm-test-key.secret").getSecretKey();
  private static final PGPPublicKeyRingCollection PUB = HelmVectors.publicKeyring("helm-test-key.pub");
  private static final String PROV = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), KEY, new char[0],
      ProvenanceLayout.HELM_3_CRC, Instant.parse("2026-01-01T00:00:00Z"));
  private static final String SIG_BLOCK = PROV.substring(PROV.indexOf("-----BEGIN PGP SIGNATURE-----"));

  private static InvalidInputException rejected(String prov) {
    return assertThrows(InvalidInputException.class, () -> Provenance.parse(prov.getBytes(StandardCharsets.UTF_8)));
  }

  @Example
  void twoSignatureBlocksAreRefused() {
    assertTrue(rejected(PROV + "\n" + SIG_BLOCK).getMessage().contains("second armored block"));
  }

  @Example
  void twoSignaturesInOneArmorAreRefused() throws Exception {
    byte[] one = Base64.getDecoder().decode(SIG_BLOCK.replaceAll("(?s)-----BEGIN PGP SIGNATURE-----\n\n(.*)\n=.*",
        "$1").replace("\n", ""));
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.write(one);
    two.write(one);
    List<String> lines = CanonicalText.lines(HelmVectors.bytes("msgblock.yaml"));
    String prov = new String(ClearSignedWriter.write("SHA512", lines, two.toByteArray(), true),
        StandardCharsets.UTF_8);
    assertTrue(rejected(prov).getMessage().contains("exactly one"), rejected(prov).getMessage());
  }

  @Example
  void undashedLineInTextIsRefused() {
    assertTrue(rejected(PROV.replace("...\n", "...\n-x\n")).getMessage().contains("not dash-escaped"));
  }

  @Example
  void oversizedInputIsRefused() {
    String big = PROV.replace("files:", "x: \"" + "a".repeat(1 << 20) + "\"\nfiles:");
    assertTrue(rejected(big).getMessage().contains("allowed"));
  }

  @Property(tries = 100)
  void textBeforeOrAfterTheBlockIsRefused(@ForAll @NotBlank @StringLength(max = 40) String junk,
      @ForAll boolean before) {
    String prov = before ? junk + "\n" + PROV : PROV + "\n" + junk;
    rejected(prov);
  }

  @Property(tries = 200)
  void everyTruncationIsRefused(@ForAll @IntRange(min = 0, max = 10_000) int at) {
    int cut = at % PROV.length();
    rejected(PROV.substring(0, cut));
  }

  @Property(tries = 200)
  void garbageInTheArmorIsRefused(@ForAll @StringLength(min = 1, max = 300) String garbage,
      @ForAll ProvenanceLayout layout) {
    String prov = Provenance.sign(HelmVectors.bytes("msgblock.yaml"), KEY, new char[0], layout, Instant.EPOCH);
    int start = prov.indexOf("-----BEGIN PGP SIGNATURE-----\n\n") + 31;
    int end = prov.indexOf("-----END PGP SIGNATURE-----");
    rejected(prov.substring(0, start) + garbage.replace("\n", "") + "\n" + prov.substring(end));
  }

  @Property(tries = 200)
  void randomBase64SignaturePacketsAreRefused(@ForAll @Size(min = 1, max = 400) byte[] packet) {
    List<String> lines = CanonicalText.lines(HelmVectors.bytes("msgblock.yaml"));
    rejected(new String(ClearSignedWriter.write("SHA512", lines, packet, false), StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 300)
  void mutatedProvIsRefusedOrFailsOrSignsTheSameText(@ForAll @IntRange(min = 0, max = 10_000) int at,
      @ForAll byte value) {
    byte[] bytes = PROV.getBytes(StandardCharsets.UTF_8);
    bytes[at % bytes.length] = value;
    VerificationReport r;
    try {
      r = ProvenanceVerifier.withKeyring(PUB)
          .verify(bytes, new ByteArrayInputStream(HelmVectors.bytes(TGZ)), TGZ);
    } catch (InvalidInputException expected) {
      return;
    } catch (CountersignException e) {
      throw new AssertionError("unexpected " + e, e);
    }
    if (r.passed()) {
      assertEquals(Provenance.parse(PROV.getBytes(StandardCharsets.UTF_8)).text(), Provenance.parse(bytes).text());
    }
  }

  @Example
  void yamlBombIsRefusedWhenSigning() {
    String bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\n...\nfiles:\n  x.tgz: sha256:00\n";
    var e = assertThrows(InvalidInputException.class,
        () -> Provenance.sign(bomb.getBytes(StandardCharsets.UTF_8), KEY, new char[0]));
    assertTrue(e.getMessage().contains("anchors or aliases"), e.getMessage());
  }

  @Property(tries = 20)
  void signedYamlBombIsRefusedWhenParsing(@ForAll @IntRange(min = 2, max = 12) int depth,
      @ForAll boolean inFilesSection) {
    StringBuilder yaml = new StringBuilder("l0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (int i = 1; i < depth; i++) {
      String p = "*l" + (i - 1);
      yaml.append("l").append(i).append(": &l").append(i).append(" [").append(String.join(",", p, p, p, p, p, p))
          .append("]\n");
    }
    String files = "files:\n  x.tgz: sha256:00\n";
    String body = inFilesSection ? "name: x\n\n...\n" + files + yaml : yaml + "\n...\n" + files;
    List<String> lines = CanonicalText.lines(body.getBytes(StandardCharsets.UTF_8));
    PGPSignature sig = ClearSignatures.sign(lines, KEY, new char[0], new Date());
    byte[] prov;
    try {
      prov = ClearSignedWriter.write("SHA512", lines, sig.getEncoded(true), true);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    var e = assertThrows(InvalidInputException.class, () -> Provenance.parse(prov));
    assertTrue(e.getMessage().contains("anchors or aliases"), e.getMessage());
    assertFalse(e.getMessage().contains("lol\",\"lol"));
  }
}
