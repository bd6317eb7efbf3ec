package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes of {@code verify-blob} and {@code sign-blob} when something is wrong: 1 when a verification ran and
 * failed (stderr names the failed check), 2 when the input could not be used (bad usage or unreadable input).
 */
class VerifyBlobFailuresTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path keys;
  static String key;
  static String pub;
  static String otherPub;

  @TempDir
  Path dir;
  Path file;
  Path sig;
  Path bundle;

  @BeforeAll
  static void generate() {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", keys.resolve("cosign").toString()).expect(0);
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", keys.resolve("other").toString()).expect(0);
    key = keys.resolve("cosign.key").toString();
    pub = keys.resolve("cosign.pub").toString();
    otherPub = keys.resolve("other.pub").toString();
  }

  @BeforeEach
  void sign() throws Exception {
    file = Files.writeString(dir.resolve("app.bin"), "application build 42");
    sig = dir.resolve("app.sig");
    bundle = dir.resolve("app.sigstore.json");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--output-signature", sig.toString(), "--bundle",
        bundle.toString(), file.toString()).expect(0);
  }

  private Cli.Result verify(String... sourceAndOptions) {
    String[] args = new String[sourceAndOptions.length + 4];
    args[0] = "verify-blob";
    args[1] = "--key";
    args[2] = pub;
    System.arraycopy(sourceAndOptions, 0, args, 3, sourceAndOptions.length);
    args[args.length - 1] = file.toString();
    return Cli.run(args);
  }

  private static void assertNoStackTrace(Cli.Result r) {
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
  }

  // ---- exit 1: the verification ran and failed

  @Test
  void tamperedFileFailsTheSignatureCheck() throws Exception {
    Files.writeString(file, "application build 43");
    Cli.Result r = verify("--signature", sig.toString()).expect(Main.VERIFICATION_FAILED);
    assertTrue(r.err().startsWith("Error: verification of " + file + " failed: signature: FAILED"), r.err());
    assertFalse(r.err().contains("Verified OK"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void tamperedFileFailsTheBundleArtifactDigestCheck() throws Exception {
    Files.writeString(file, "application build 43");
    Cli.Result r = verify("--bundle", bundle.toString()).expect(Main.VERIFICATION_FAILED);
    assertTrue(r.err().contains("failed: artifact-digest: FAILED (expected sha256:"), r.err());
  }

  @Test
  void bundleOfAnotherFileFailsNamingArtifactDigest() throws Exception {
    Path other = Files.writeString(dir.resolve("other.bin"), "another file");
    Path otherBundle = dir.resolve("other.sigstore.json");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--bundle", otherBundle.toString(), other.toString())
        .expect(0);
    Cli.Result r = verify("--bundle", otherBundle.toString()).expect(Main.VERIFICATION_FAILED);
    assertTrue(r.err().contains("artifact-digest: FAILED"), r.err());
  }

  @Test
  void wrongKeyFails() {
    for (String source : new String[] {"--signature", "--bundle"}) {
      Path material = source.equals("--signature") ? sig : bundle;
      Cli.Result r = Cli.run("verify-blob", "--key", otherPub, source, material.toString(), file.toString())
          .expect(Main.VERIFICATION_FAILED);
      assertTrue(r.err().contains("signature: FAILED"), r.err());
    }
  }

  @Test
  void wellFormedButWrongSignatureFails() {
    byte[] random = new byte[71];
    new SecureRandom().nextBytes(random);
    Cli.Result r = verify("--signature", Base64.getEncoder().encodeToString(random))
        .expect(Main.VERIFICATION_FAILED);
    assertTrue(r.err().contains("signature: FAILED"), r.err());
  }

  @Test
  void jsonReportOfAFailureIsParseableAndNamesTheFailedCheck() throws Exception {
    Files.writeString(file, "application build 43");
    Cli.Result r = verify("--bundle", bundle.toString(), "--output", "json").expect(Main.VERIFICATION_FAILED);
    JsonNode report = JSON.readTree(r.out());
    assertFalse(report.get("verified").asBoolean());
    JsonNode digest = SignVerifyBlobTest.check(report, "artifact-digest");
    assertEquals("FAILED", digest.get("status").asText());
    assertTrue(digest.get("expected").asText().startsWith("sha256:"));
    assertTrue(digest.get("actual").asText().startsWith("sha256:"));
    assertTrue(r.err().contains("artifact-digest: FAILED"), r.err());

    JsonNode raw = JSON.readTree(verify("--signature", sig.toString(), "-o", "json")
        .expect(Main.VERIFICATION_FAILED).out());
    assertFalse(raw.get("verified").asBoolean());
    assertEquals("FAILED", SignVerifyBlobTest.check(raw, "signature").get("status").asText());
  }

  // ---- exit 2: the input could not be used

  @Test
  void malformedBundleIsAUsageError() throws Exception {
    Files.writeString(bundle, "{\"mediaType\": ");
    Cli.Result r = verify("--bundle", bundle.toString()).expect(Main.USAGE);
    assertTrue(r.err().startsWith("Error: Sigstore bundle is not valid JSON"), r.err());
    assertNoStackTrace(r);
    Files.writeString(bundle, "{}");
    Cli.Result empty = verify("--bundle", bundle.toString(), "-o", "json").expect(Main.USAGE);
    assertEquals("Error: mediaType is missing", empty.err().strip());
    assertEquals("", empty.out(), "no report when nothing could be verified");
  }

  @Test
  void missingBundleSignatureOrArtifactIsAUsageError() throws Exception {
    Path missing = dir.resolve("missing.json");
    assertEquals("Error: cannot read " + missing + ": no such file",
        verify("--bundle", missing.toString()).expect(Main.USAGE).err().strip());
    Files.delete(file);
    assertEquals("Error: cannot read " + file + ": no such file",
        verify("--signature", sig.toString()).expect(Main.USAGE).err().strip());
  }

  @Test
  void signatureThatIsNeitherAFileNorBase64IsAUsageError() {
    Path missing = dir.resolve("no-such-file.sig");
    Cli.Result r = verify("--signature", missing.toString()).expect(Main.USAGE);
    assertEquals("Error: --signature " + missing + ": no such file, and not base64 text either", r.err().strip());
    assertNoStackTrace(r);
  }

  @Test
  void directoryAsSignatureIsAUsageError() {
    // "/tmp"-like paths are also valid base64; an existing path is always read as a file.
    Cli.Result r = verify("--signature", dir.toString()).expect(Main.USAGE);
    assertEquals("Error: cannot read " + dir + ": it is a directory", r.err().strip());
  }

  @Test
  void garbageSignatureFileIsAUsageError() throws Exception {
    Files.writeString(sig, "%%% not base64 %%%");
    assertTrue(verify("--signature", sig.toString()).expect(Main.USAGE).err()
        .startsWith("Error: signature is not valid base64"));
    Files.writeString(sig, "");
    assertEquals("Error: signature is empty", verify("--signature", sig.toString()).expect(Main.USAGE).err()
        .strip());
  }

  @Test
  void missingOrPrivateVerificationKeyIsAUsageError() {
    Cli.Result missing = Cli.run("verify-blob", "--key", keys.resolve("nope.pub").toString(), "--signature",
        sig.toString(), file.toString()).expect(Main.USAGE);
    assertTrue(missing.err().contains("key file not found"), missing.err());
    Cli.Result priv = Cli.run("verify-blob", "--key", key, "--signature", sig.toString(), file.toString())
        .expect(Main.USAGE);
    assertTrue(priv.err().contains("give the public key file"), priv.err());
  }

  @Test
  void signBlobUsageErrors() throws Exception {
    Path missing = dir.resolve("missing.bin");
    assertEquals("Error: cannot read " + missing + ": no such file",
        Cli.withPassword("pw", "sign-blob", "--key", key, missing.toString()).expect(Main.USAGE).err().strip());
    Cli.Result wrong = Cli.withPassword("nope", "sign-blob", "--key", key, file.toString()).expect(Main.USAGE);
    assertTrue(wrong.err().startsWith("Error: wrong password"), wrong.err());
    assertEquals("", wrong.out(), "no signature printed");
    Path unwritable = dir.resolve("no/dir/app.sig");
    assertEquals("Error: cannot write " + unwritable + ": no such file or directory",
        Cli.withPassword("pw", "sign-blob", "--key", key, "--output-signature", unwritable.toString(),
            file.toString()).expect(Main.USAGE).err().strip());
    Cli.Result dirArg = Cli.withPassword("pw", "sign-blob", "--key", key, dir.toString()).expect(Main.USAGE);
    assertEquals("Error: cannot read " + dir + ": it is a directory", dirArg.err().strip());
  }
}
