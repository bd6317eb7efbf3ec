package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** .prov files we write verify with gpg; clearsigned files gpg writes verify here. */
class ProvenanceGpgInteropTest {
  private static final byte[] ARCHIVE = "not really a tgz, but bytes to hash\n".getBytes(StandardCharsets.UTF_8);
  private static final String NAME = "edge-0.1.0.tgz";

  static Stream<Arguments> bodies() throws Exception {
    String files = "\n...\nfiles:\n  " + NAME + ": sha256:"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ARCHIVE)) + "\n";
    String plain = "apiVersion: v2\ndescription: plain\nname: edge\nversion: 0.1.0\n" + files;
    return Stream.of(
        Arguments.of("vector msgblock", null),
        Arguments.of("dash lines", "apiVersion: v2\nkeywords:\n- alpha\n- -beta\n- --- not a header\nname: edge\n"
            + "version: 0.1.0\n" + files),
        Arguments.of("trailing whitespace", plain.replace("plain\n", "plain   \t\n").replace("edge\n", "edge \n")),
        Arguments.of("crlf", plain.replace("\n", "\r\n")),
        Arguments.of("no final newline", plain.substring(0, plain.length() - 1)),
        Arguments.of("non-ascii", plain.replace("plain", "Größe – 日本語 ✓ 🚀")
            .replace("name: edge", "maintainers:\n- name: Zoë Ünal\nname: edge")),
        Arguments.of("from line", plain.replace("description: plain", "description: |\n  From the start\n  x")));
  }

  private final java.util.List<GnuPG> started = new java.util.ArrayList<>();

  private GnuPG started(GnuPG gpg) {
    started.add(gpg);
    return gpg;
  }

  @org.junit.jupiter.api.AfterEach
  void stopAgents() {
    started.forEach(GnuPG::close);
  }

  private static byte[] body(Object text) {
    return text == null ? HelmVectors.bytes("msgblock.yaml") : ((String) text).getBytes(StandardCharsets.UTF_8);
  }

  private static InputStream archiveFor(Object text) {
    return new ByteArrayInputStream(text == null ? HelmVectors.bytes("hashtest-1.2.3.tgz") : ARCHIVE);
  }

  private static String nameFor(Object text) {
    return text == null ? "hashtest-1.2.3.tgz" : NAME;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void gpgVerifiesWhatWeSignInBothLayouts(String label, String text, @TempDir Path dir) throws IOException {
    GnuPG gpg = started(new GnuPG(dir));
    Path pub = dir.resolve("helm-test-key.pub");
    Files.write(pub, HelmVectors.bytes("helm-test-key.pub"));
    gpg.ok("--import", pub.toString());
    for (ProvenanceLayout layout : ProvenanceLayout.values()) {
      String prov = Provenance.sign(body(text), HelmVectors.secretRing("helm-test-key.secret").getSecretKey(),
          new char[0], layout, Instant.now());
      Path file = dir.resolve(layout + ".prov");
      Files.writeString(file, prov, StandardCharsets.UTF_8);
      GnuPG.Run r = gpg.ok("--status-fd", "1", "--verify", file.toString());
      assertTrue(r.out().contains("[GNUPG:] GOODSIG 843BBF981FC18762"), label + " " + layout + ": " + r.out());
      assertTrue(r.out().contains("[GNUPG:] VALIDSIG 5E615389B53CA37F0EE60BD3843BBF981FC18762"), r.out());
      // gpg's view of the signed text equals ours
      GnuPG.Run decoded = gpg.ok("--output", "-", "--decrypt", file.toString());
      String ours = Provenance.parse(prov.getBytes(StandardCharsets.UTF_8)).text();
      assertEquals(ours, decoded.out().replaceAll("[ \t]+\n", "\n").stripTrailing(), label);
      VerificationReport back = ProvenanceVerifier.withKeyring(HelmVectors.publicKeyring("helm-test-key.pub"))
          .verify(prov.getBytes(StandardCharsets.UTF_8), archiveFor(text), nameFor(text));
      assertTrue(back.passed(), back::toString);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void weVerifyWhatGpgClearsigns(String label, String text, @TempDir Path dir) throws Exception {
    GnuPG gpg = started(new GnuPG(dir));
    gpg.ok("--quick-gen-key", "Interop Test <interop@example.com>", "ed25519", "sign", "never");
    PGPPublicKeyRingCollection keyring = exported(gpg);
    Path in = dir.resolve("body.yaml");
    Files.write(in, body(text));
    Path out = dir.resolve("body.prov");
    gpg.ok("--clearsign", "--digest-algo", "SHA512", "--output", out.toString(), in.toString());
    byte[] prov = Files.readAllBytes(out);
    VerificationReport r = ProvenanceVerifier.withKeyring(keyring).verify(prov, archiveFor(text), nameFor(text));
    assertTrue(r.passed(), label + ": " + r + "\n" + new String(prov, StandardCharsets.UTF_8));
    assertTrue(r.check("signature").orElseThrow().detail().orElseThrow().contains("<interop@example.com>"));

    // one changed byte in the signed text: gpg and we both reject
    String tampered = new String(prov, StandardCharsets.UTF_8).replace("version: ", "version: 9");
    assertNotEquals(new String(prov, StandardCharsets.UTF_8), tampered);
    Files.writeString(out, tampered, StandardCharsets.UTF_8);
    assertNotEquals(0, gpg.run("--verify", out.toString()).exit());
    VerificationReport bad = ProvenanceVerifier.withKeyring(keyring)
        .verify(tampered.getBytes(StandardCharsets.UTF_8), archiveFor(text), nameFor(text));
    assertFalse(bad.passed());
    assertEquals(Status.FAILED, bad.check("signature").orElseThrow().status());
  }

  @Test
  void gpgRsaSha512ProvAlsoVerifies(@TempDir Path dir) throws Exception {
    GnuPG gpg = started(new GnuPG(dir));
    gpg.ok("--quick-gen-key", "Rsa Test <rsa@example.com>", "rsa2048", "sign", "never");
    Path in = dir.resolve("msgblock.yaml");
    Files.write(in, HelmVectors.bytes("msgblock.yaml"));
    gpg.ok("--clearsign", "--digest-algo", "SHA512", "--output", dir.resolve("m.prov").toString(), in.toString());
    VerificationReport r = ProvenanceVerifier.withKeyring(exported(gpg)).verify(
        Files.readAllBytes(dir.resolve("m.prov")), archiveFor(null), nameFor(null));
    assertTrue(r.passed(), r::toString);
  }

  private static PGPPublicKeyRingCollection exported(GnuPG gpg) throws Exception {
    byte[] key = gpg.ok("--export").stdout();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(key))) {
      return new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
    }
  }
}
