package dev.countersign.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifier;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.testing.Algorithm;
import dev.countersign.testing.Countersign;
import dev.countersign.testing.KeyKind;
import dev.countersign.testing.TestKey;
import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.RecordedRequest;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// docs/testing.md, "A local KMS and key server per test class"
@Countersign
class KeyServerExampleTest {
  static String pinned(TestKeyServer cdn, String name, TestKey key) {  // --key URL --key-sha256 HEX
    byte[] pem = key.publicKeyPem().getBytes(StandardCharsets.UTF_8);
    return cdn.url(name) + "#sha256=" + Digest.compute(DigestAlgorithm.SHA256, pem).hex();
  }

  @Test
  void verifiesWithAPublishedPinnedKey(TestKeyServer cdn, TestKey key, @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("release.txt"), "v1.0");
    BlobSignature sig = BlobSigner.of(key.signer()).sign(file);
    cdn.put("release.pub", key.publicKeyPem());                 // http://127.0.0.1:PORT/release.pub

    Verifier published = KeyBackends.discover().verifier(pinned(cdn, "release.pub", key));
    assertTrue(BlobVerifier.of(published).verifySignature(file, sig.base64()).passed());
    RecordedRequest download = cdn.takeRequest();
    assertEquals("GET", download.method());
    assertEquals("/release.pub", download.path());
  }

  @Test
  void refusesAKeySwappedOnTheServerAndSurfacesAnOutage(TestKeyServer cdn, TestKey key,
      @Algorithm(value = KeyKind.ECDSA_P256, fresh = true) TestKey attacker) {
    cdn.put("swapped.pub", attacker.publicKeyPem());            // the pin names the real key's file
    assertThrows(VerificationException.class,
        () -> KeyBackends.discover().verifier(pinned(cdn, "swapped.pub", key)));

    cdn.put("down.pub", key.publicKeyPem()).enqueue(Fault.status(503).on("GET", "/down\\.pub"));
    assertThrows(CountersignException.class,
        () -> KeyBackends.discover().verifier(pinned(cdn, "down.pub", key)));
    assertEquals(2, cdn.requestCount());                        // the previous test's requests are gone
  }
}
