package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.testing.InMemoryRepository;
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
 * sigstore-js verifies the bundle we attach, taken from the referrer's layer, with only the public key. (sigstore-js
 * hashes DSSE ECDSA signatures with SHA-256 whatever the curve, so P-384/P-521 are tested with the SHA-256
 * variants cosign uses; core's SigstoreJsInteropTest pins that limitation.)
 */
class SigstoreJsInteropTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA256",
      "ECDSA_P521_SHA256", "ED25519", "RSA_PKCS1V15_SHA256"})
  void attachedBundleVerifiesWithSigstoreJs(SignatureAlgorithm alg) throws IOException {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    AttachedSignature att = ImageSigner.builder(TestSigners.signer(alg, "js")).format(SignatureFormat.BUNDLE)
        .confirmDelay(Duration.ZERO).build().sign(repo, "r/app", image).get(0);
    JsonNode m = ImageSignerTest.json(repo, att.manifest().digest().toString());
    JsonNode layer = m.get("layers").get(0);
    byte[] bundle = ImageSignerTest.blob(repo, Descriptor.of(MediaTypes.SIGSTORE_BUNDLE_V03,
        Digest.parse(layer.get("digest").asText()), layer.get("size").asLong()));
    // The DSSE subject is the image manifest digest.
    byte[] statement = DsseEnvelope.parse(ImageSignerTest.JSON.readTree(bundle).get("dsseEnvelope").toString())
        .payload();
    assertEquals(image.digest().hex(), ImageSignerTest.JSON.readTree(statement).get("subject").get(0).get("digest")
        .get("sha256").asText());

    Path bundleFile = tmp.resolve("bundle.json");
    Files.write(bundleFile, bundle);
    Path key = tmp.resolve("key.pem");
    Files.writeString(key, PemKeys.writePublicKey(TestSigners.keyPair(alg, "js").getPublic()),
        StandardCharsets.US_ASCII);
    Peers.Result ok = Peers.sigstoreVerify(bundleFile, key);
    assertEquals(0, ok.exitCode(), ok::output);
    assertTrue(ok.stdout().startsWith("verified: dsseEnvelope"), ok::output);

    Path other = tmp.resolve("other.pem");
    Files.writeString(other, PemKeys.writePublicKey(TestSigners.keyPair(alg, "js-other").getPublic()),
        StandardCharsets.US_ASCII);
    Peers.Result rejected = Peers.sigstoreVerify(bundleFile, other);
    assertEquals(1, rejected.exitCode(), rejected::output);
  }
}
