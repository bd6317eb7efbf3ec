package dev.countersign.oci.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageReference;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.oci.testing.Peers;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.oci.testing.TestImages;
import dev.countersign.oci.testing.TestSigners;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Legacy {@code .sig} signatures on the real docker-registry, both ways, with the independent Python peer
 * ({@code src/test/peers/cosign_image_ref.py}): it verifies what we sign, and we verify what it appends.
 */
class RegistrySignaturePeerTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();

  private static Registry registry;

  @TempDir
  Path tmp;

  @BeforeAll
  static void client() {
    registry = Registry.create();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "RSA_PKCS1V15_SHA256"})
  void peerVerifiesOursAndWeVerifyThePeers(SignatureAlgorithm alg) throws Exception {
    String repoName = "peer/" + alg.id();
    ImageReference ref = ImageReference.parse(SERVER.reference(repoName + ":v1"));
    RegistryRepository repo = registry.repository(ref);
    Manifest image = TestImages.pushImageBlobs(repo);
    Descriptor subject = repo.putManifest(image, "v1");

    ImageSigner.builder(TestSigners.signer(alg, "reg-ours")).format(SignatureFormat.BOTH).build()
        .sign(repo, ref.context(), subject);
    Path ourPub = pem(alg, "reg-ours", false);
    Peers.Result verified = Peers.cosignPeer("verify-registry", SERVER.url(), repoName, "v1", ourPub.toString());
    assertEquals(0, verified.exitCode(), verified::output);
    Peers.Result wrongKey = Peers.cosignPeer("verify-registry", SERVER.url(), repoName, "v1",
        pem(alg, "reg-theirs", false).toString());
    assertEquals(1, wrongKey.exitCode(), wrongKey::output);

    Peers.Result signed = Peers.cosignPeer("sign-registry", SERVER.url(), repoName, "v1",
        pem(alg, "reg-theirs", true).toString());
    assertEquals(0, signed.exitCode(), signed::output);
    ImageVerificationResult theirs = ImageVerifier.builder().trust(TestSigners.verifier(alg, "reg-theirs")).build()
        .verify(repo, "v1");
    assertTrue(theirs.passed(), theirs::toString);
    ImageVerificationResult ours = ImageVerifier.builder().trust(TestSigners.verifier(alg, "reg-ours")).build()
        .verify(repo, "v1");
    assertEquals(2, ours.verified().size(), ours::toString); // legacy + bundle survive the peer's append
  }

  private Path pem(SignatureAlgorithm alg, String label, boolean privateKey) throws Exception {
    var keys = TestSigners.keyPair(alg, label);
    Path p = tmp.resolve(label + (privateKey ? ".key.pem" : ".pub.pem"));
    Files.writeString(p, privateKey ? PemKeys.writePrivateKey(keys.getPrivate()) : PemKeys.writePublicKey(
        keys.getPublic()), StandardCharsets.US_ASCII);
    return p;
  }
}
