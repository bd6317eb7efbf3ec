package dev.countersign.keys.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.blob.BlobAttester;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sigstore-js ({@code @sigstore/verify}) verifies a bundle we wrote with a timestamp from OpenSSL's TSA, trusting
 * that TSA in its trusted root and requiring one verified timestamp (a message-signature bundle and a DSSE attestation
 * bundle); a bundle without a timestamp is refused.
 * Fails (never skips) when node or the npm peers are missing (install.sh installs them).
 */
class SigstoreJsTimestampInteropTest {
  @TempDir Path dir;

  @Test
  void sigstoreJsVerifiesOurTimestampedBundle() throws Exception {
    OpenSslTsa openssl = new OpenSslTsa(Files.createDirectories(dir.resolve("tsa")));
    Signer signer = Signers.of(KeyGeneration.generate());
    byte[] artifact = "an artifact for sigstore-js".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("artifact"), artifact);
    Files.writeString(dir.resolve("key.pub"), PemKeys.writePublicKey(signer.publicKey()));
    Files.writeString(dir.resolve("chain.pem"), openssl.tsaPem() + openssl.rootPem());
    try (LoopbackTsa tsa = new LoopbackTsa(openssl::reply)) {
      Files.writeString(dir.resolve("ts.sigstore.json"), BlobSigner.of(signer)
          .withTimestamper(TimestampClient.builder(tsa.url()).build()).sign(artifact).bundleJson());
    }
    Files.writeString(dir.resolve("plain.sigstore.json"), BlobSigner.of(signer).sign(artifact).bundleJson());
    try (LoopbackTsa tsa = new LoopbackTsa(openssl::reply)) {
      // a DSSE attestation bundle: the timestamp is over the envelope's signature
      Files.writeString(dir.resolve("att.sigstore.json"), BlobAttester.of(signer)
          .withTimestamper(TimestampClient.builder(tsa.url()).build())
          .attest(dir.resolve("artifact"), "https://example.com/ts/v1",
              new ObjectMapper().readTree("{\"purpose\":\"interop\"}")).bundleJson());
    }

    String[] ok = node("ts.sigstore.json");
    assertEquals("0", ok[0], ok[1]);
    assertTrue(ok[1].contains("verified"), ok[1]);
    String[] refused = node("plain.sigstore.json");
    assertEquals("1", refused[0], refused[1]);
    String[] att = node("att.sigstore.json");
    assertEquals("0", att[0], att[1]);
    assertTrue(att[1].contains("dsseEnvelope"), att[1]);
  }

  private String[] node(String bundle) throws Exception {
    Path script = Path.of("src/test/peers/sigstore-verify-tsa.js").toAbsolutePath();
    Path modules = Path.of(System.getProperty("user.home"), ".cache/countersign/peers/node_modules");
    ProcessBuilder pb = new ProcessBuilder("node", script.toString(), bundle, "key.pub", "artifact", "chain.pem")
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("NODE_PATH", modules.toString());
    Process p;
    try {
      p = pb.start();
    } catch (java.io.IOException e) {
      return fail("cannot run node (src/test/peers/install.sh installs it): " + e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("sigstore-js timed out");
    }
    return new String[] {String.valueOf(p.exitValue()), out};
  }
}
