package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sign-blob} then {@code verify-blob}: every way of passing the signature, and what each writes. */
class SignVerifyBlobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path keys;
  static String key;
  static String pub;

  @TempDir
  Path dir;
  Path file;

  @BeforeAll
  static void generate() {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", keys.resolve("cosign").toString()).expect(0);
    key = keys.resolve("cosign.key").toString();
    pub = keys.resolve("cosign.pub").toString();
  }

  @BeforeEach
  void artifact() throws Exception {
    file = Files.writeString(dir.resolve("release.tar.gz"), "the release, version 1.0\n");
  }

  @Test
  void signatureOnStdoutHasNoTrailingNewlineAndVerifiesInline() {
    Cli.Result signed = Cli.withPassword("pw", "sign-blob", "--key", key, file.toString()).expect(0);
    String sig = signed.out();
    assertEquals("", signed.err());
    assertEquals(sig.strip(), sig, "no surrounding whitespace");
    assertTrue(Base64.getDecoder().decode(sig).length > 60, sig);
    Cli.Result verified = Cli.run("verify-blob", "--key", pub, "--signature", sig, file.toString()).expect(0);
    assertEquals("Verified OK", verified.err().strip());
    assertEquals("", verified.out());
  }

  @Test
  void outputSignatureWritesBase64WithoutNewlineAndVerifiesAsAFile() throws Exception {
    Path sig = dir.resolve("release.sig");
    Cli.Result signed = Cli.withPassword("pw", "sign-blob", "--key", key, "--output-signature", sig.toString(),
        file.toString()).expect(0);
    assertEquals("", signed.out());
    assertEquals("Wrote signature to file " + sig, signed.err().strip());
    String text = Files.readString(sig);
    assertFalse(text.endsWith("\n"));
    Base64.getDecoder().decode(text);
    Cli.run("verify-blob", "--key", pub, "--signature", sig.toString(), file.toString()).expect(0);
    // A signature file with a trailing newline (e.g. written by echo) verifies too.
    Files.writeString(sig, text + "\n");
    Cli.run("verify-blob", "--key", pub, "--signature", sig.toString(), file.toString()).expect(0);
  }

  @Test
  void bundleIsAV03MessageSignatureBundleThatVerifies() throws Exception {
    Path bundle = dir.resolve("release.sigstore.json");
    Cli.Result signed = Cli.withPassword("pw", "sign-blob", "--key", key, "--bundle", bundle.toString(),
        file.toString()).expect(0);
    assertEquals("", signed.out());
    assertEquals("Wrote bundle to file " + bundle, signed.err().strip());

    JsonNode b = JSON.readTree(bundle.toFile());
    assertEquals("application/vnd.dev.sigstore.bundle.v0.3+json", b.get("mediaType").asText());
    JsonNode digest = b.get("messageSignature").get("messageDigest");
    assertEquals("SHA2_256", digest.get("algorithm").asText());
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)),
        Base64.getDecoder().decode(digest.get("digest").asText()));
    assertFalse(b.get("verificationMaterial").get("publicKey").get("hint").asText().isEmpty());

    Cli.Result verified = Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(), file.toString())
        .expect(0);
    assertTrue(verified.err().strip().endsWith("Verified OK"), verified.err());
  }

  @Test
  void signatureAndBundleTogetherCarryTheSameSignature() throws Exception {
    Path sig = dir.resolve("s.sig");
    Path bundle = dir.resolve("s.json");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--output-signature", sig.toString(), "--bundle",
        bundle.toString(), file.toString()).expect(0);
    assertEquals(Files.readString(sig), JSON.readTree(bundle.toFile()).get("messageSignature").get("signature")
        .asText());
    Cli.run("verify-blob", "--key", pub, "--signature", sig.toString(), file.toString()).expect(0);
    Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(), file.toString()).expect(0);
  }

  @Test
  void jsonReportOfASuccessListsThePassedChecks() throws Exception {
    Path bundle = dir.resolve("b.json");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--bundle", bundle.toString(), file.toString()).expect(0);
    Cli.Result r = Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(), "--output", "json",
        file.toString()).expect(0);
    JsonNode report = JSON.readTree(r.out());
    assertTrue(report.get("verified").asBoolean());
    assertEquals(file.toString(), report.get("subject").asText());
    assertEquals("PASSED", check(report, "signature").get("status").asText());
    assertEquals("PASSED", check(report, "artifact-digest").get("status").asText());
    assertEquals("NOT_PERFORMED", check(report, "transparency-log").get("status").asText());

    String sig = Cli.withPassword("pw", "sign-blob", "--key", key, file.toString()).expect(0).out();
    JsonNode raw = JSON.readTree(Cli.run("verify-blob", "--key", pub, "--signature", sig, "-o", "json",
        file.toString()).expect(0).out());
    assertTrue(raw.get("verified").asBoolean());
    assertEquals("PASSED", check(raw, "signature").get("status").asText());
  }

  static JsonNode check(JsonNode report, String name) {
    for (JsonNode c : report.get("checks")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + report);
  }

  @Test
  void signBlobReadsThePasswordFromStdin() {
    String sig = Cli.withStdin("pw", "sign-blob", "--key", key, file.toString()).expect(0).out();
    Cli.run("verify-blob", "--key", pub, "--signature", sig, file.toString()).expect(0);
  }

  @Test
  void keysMayBeFileUris() {
    String sig = Cli.withPassword("pw", "sign-blob", "--key", "file://" + key, file.toString()).expect(0).out();
    Cli.run("verify-blob", "--key", Path.of(pub).toUri().toString(), "--signature", sig, file.toString()).expect(0);
  }

  @Test
  void emptyFileSignsAndVerifies() throws Exception {
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    String sig = Cli.withPassword("pw", "sign-blob", "--key", key, empty.toString()).expect(0).out();
    Cli.run("verify-blob", "--key", pub, "--signature", sig, empty.toString()).expect(0);
  }
}
