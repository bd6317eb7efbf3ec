package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sigstore-js (@sigstore/verify, core's peer script) verifies the fixtures manifest as a DSSE bundle. */
class SignedFixturesSigstoreJsInteropTest {
  @Test
  void sigstoreJsVerifiesTheManifestForEachKeyKind(@TempDir Path tmp) throws Exception {
    // Not ECDSA_P384: sigstore-js checks DSSE signatures with Node's default hash (SHA-256) whatever the key, so it
    // rejects P-384/SHA-384 envelopes (PKIX_ECDSA_P384_SHA_384) from any signer; see docs/testing.md.
    for (KeyKind kind : List.of(KeyKind.ECDSA_P256, KeyKind.ED25519, KeyKind.RSA_3072)) {
      TestKey key = TestKeys.shared(kind);
      Path dir = Files.createDirectories(tmp.resolve(kind.name() + "/fixtures"));
      Files.writeString(dir.resolve("data.txt"), "fixture " + kind);
      Path manifest = SignedFixtures.sign(dir, key.signer());
      Path pub = key.writePublicKey(tmp.resolve(kind.name()));
      String out = sigstoreVerify(manifest, pub, 0, kind.toString());
      assertTrue(out.contains("verified: dsseEnvelope"), out);
    }
  }

  @Test
  void sigstoreJsRejectsTheManifestWithAnotherKey(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("fixtures"));
    Files.writeString(dir.resolve("data.txt"), "fixture");
    Path manifest = SignedFixtures.sign(dir, TestKeys.ecdsaP256().signer());
    Path other = TestKeys.freshEcdsaP256().writePublicKey(tmp);
    String out = sigstoreVerify(manifest, other, 1, "another key");
    assertTrue(out.contains("rejected"), out);
  }

  private static String sigstoreVerify(Path bundle, Path pub, int expectedExit, String what) throws IOException,
      InterruptedException {
    Path modules = Path.of(System.getProperty("countersign.peers.home",
        System.getProperty("user.home") + "/.cache/countersign/peers")).resolve("node_modules");
    if (!Files.isDirectory(modules.resolve("@sigstore/verify"))) {
      fail("sigstore-js missing in " + modules + " (run testing/src/test/peers/install.sh)");
    }
    Path script = Path.of("../core/src/test/peers/sigstore-verify.js").toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder("node", script.toString(), bundle.toString(), pub.toString())
        .redirectErrorStream(true);
    pb.environment().put("NODE_PATH", modules.toString());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("sigstore-js timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(expectedExit, p.exitValue(), what + ": " + text);
    return text;
  }
}
