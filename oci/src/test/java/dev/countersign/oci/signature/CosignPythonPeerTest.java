package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.LayoutBridge;
import dev.countersign.oci.testing.Peers;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.TestSigners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our independent Python implementation of the legacy scheme ({@code src/test/peers/cosign_image_ref.py}), run on
 * an OCI layout exported from / imported into the in-memory repository: it verifies our signatures, and appends
 * its own, which we verify next to ours.
 */
class CosignPythonPeerTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ED25519", "RSA_PKCS1V15_SHA256"})
  void peerVerifiesOursAndWeVerifyThePeers(SignatureAlgorithm alg) throws IOException {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    InMemoryImages.image(repo, "other");
    ImageSigner.builder(TestSigners.signer(alg, "py-ours")).format(SignatureFormat.LEGACY)
        .confirmDelay(Duration.ZERO).build().sign(repo, "r/app", image);
    Path layout = tmp.resolve("layout");
    LayoutBridge.export(repo, layout);
    Path ourKey = writePublic(alg, "py-ours");
    Path theirKey = writePublic(alg, "py-theirs");

    Peers.Result ok = Peers.cosignPeer("verify-layout", layout.toString(), "v1", ourKey.toString());
    assertEquals(0, ok.exitCode(), ok::output);
    assertTrue(ok.stdout().contains("verified: 1 signature(s) for " + image.digest()), ok::output);
    Peers.Result wrongKey = Peers.cosignPeer("verify-layout", layout.toString(), "v1", theirKey.toString());
    assertEquals(1, wrongKey.exitCode(), wrongKey::output);
    Peers.Result unsigned = Peers.cosignPeer("verify-layout", layout.toString(), "other", ourKey.toString());
    assertEquals(1, unsigned.exitCode(), unsigned::output);

    Path priv = tmp.resolve("theirs.key");
    Files.writeString(priv, PemKeys.writePrivateKey(TestSigners.keyPair(alg, "py-theirs").getPrivate()),
        StandardCharsets.US_ASCII);
    Peers.Result signed = Peers.cosignPeer("sign-layout", layout.toString(), "v1", priv.toString(), "r/app");
    assertEquals(0, signed.exitCode(), signed::output);

    InMemoryRepository back = LayoutBridge.importLayout(layout, "r/app");
    ImageVerificationResult theirs = ImageVerifier.builder().trust(TestSigners.verifier(alg, "py-theirs"))
        .formats(SignatureFormat.LEGACY).dockerReference("r/app").build().verify(back, "v1");
    assertTrue(theirs.passed(), theirs::toString);
    assertEquals(2, theirs.signatures().size());
    assertEquals(1, theirs.verified().size());
    ImageVerificationResult ours = ImageVerifier.builder().trust(TestSigners.verifier(alg, "py-ours"))
        .formats(SignatureFormat.LEGACY).build().verify(back, "v1");
    assertTrue(ours.passed(), ours::toString);

    // And we append to what the peer wrote; the peer then sees all three.
    ImageSigner.builder(TestSigners.signer(alg, "py-ours")).format(SignatureFormat.LEGACY)
        .confirmDelay(Duration.ZERO).build().sign(back, "r/app", back.resolve("v1").get());
    Path again = tmp.resolve("again");
    LayoutBridge.export(back, again);
    Peers.Result all = Peers.cosignPeer("verify-layout", again.toString(), "v1", ourKey.toString());
    assertEquals(0, all.exitCode(), all::output);
    int expected = alg == SignatureAlgorithm.ECDSA_P256_SHA256 ? 2 : 1; // deterministic signatures dedupe
    assertTrue(all.stdout().contains("verified: " + expected + " signature(s)"), all::output);
  }

  private Path writePublic(SignatureAlgorithm alg, String label) throws IOException {
    Path p = tmp.resolve(label + ".pub");
    Files.writeString(p, PemKeys.writePublicKey(TestSigners.keyPair(alg, label).getPublic()),
        StandardCharsets.US_ASCII);
    return p;
  }
}
