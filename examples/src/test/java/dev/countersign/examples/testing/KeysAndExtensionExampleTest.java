package dev.countersign.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import dev.countersign.testing.Algorithm;
import dev.countersign.testing.Countersign;
import dev.countersign.testing.KeyKind;
import dev.countersign.testing.TestKey;
import dev.countersign.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// docs/testing.md, "Keys and the extension"
@Countersign
class KeysAndExtensionExampleTest {
  @Test
  void signsWithInjectedKeys(TestKey p256, @Algorithm(KeyKind.RSA_3072) TestKey rsa, @TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("release.txt"), "v1.0");
    for (TestKey key : new TestKey[] {p256, rsa}) {
      BlobSignature sig = BlobSigner.of(key.signer()).sign(file);
      assertTrue(BlobVerifier.of(key.verifier()).verifySignature(file, sig.base64()).passed());
    }
    assertEquals(TestKeys.rsa3072(), rsa); // generated once per JVM, shared by every test
  }

  @Test
  void writesKeyFilesForTools(@Algorithm(KeyKind.ED25519) TestKey key, @TempDir Path dir) {
    Path pub = key.writePublicKey(dir);                               // dir/ed25519.pub, PEM
    Path cosignKey = key.writeCosignKeyPair(dir, "pw".toCharArray()); // dir/cosign.key + dir/cosign.pub
    assertTrue(Files.exists(pub) && Files.exists(cosignKey));
  }

  @Test
  void buildsAnImageInATemporaryLayout(OciLayout layout) {
    ImageBuilder.create().addContent("hi".getBytes(StandardCharsets.UTF_8), "hi.txt", 0644).build(layout, "v1");
    assertEquals(java.util.List.of("v1"), layout.tags());  // the layout is deleted after this test
  }
}
