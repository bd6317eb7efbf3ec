package dev.countersign.oci.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.intoto.StatementVersion;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.AttachedSignature;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageAttester;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.oci.signature.Triangulation;
import dev.countersign.oci.testing.Peers;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.oci.testing.TestAttestations;
import dev.countersign.oci.testing.TestImages;
import dev.countersign.oci.testing.TestSigners;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attestations across independent implementations, on the real docker-registry and on OCI layouts: the Python
 * {@code .att} peer ({@code src/test/peers/cosign_attestation.py}) verifies the layers we write (DSSE over PAE,
 * subject = image digest) and appends its own, which verify here; sigstore-js verifies the bundle referrers we write.
 */
class AttestationPeerTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static final ImageAttester ATTESTER = ImageAttester.builder().confirmDelay(Duration.ZERO).build();
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
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ED25519", "RSA_PKCS1V15_SHA256"})
  void registryBothWays(SignatureAlgorithm alg) throws Exception {
    String name = "att/" + alg.id().toLowerCase().replaceAll("[^a-z0-9]", "");
    Repository repo = registry.repository(SERVER.reference(name + ":v1"));
    Descriptor image = repo.putManifest(TestImages.pushImageBlobs(repo), "v1");
    bothWays(alg, repo, image, "verify-registry", "attest-registry", SERVER.url(), name);
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ED25519"})
  void layoutBothWays(SignatureAlgorithm alg) throws Exception {
    Path dir = tmp.resolve("layout");
    OciLayout layout = OciLayout.create(dir);
    Descriptor image = layout.putManifest(TestImages.pushImageBlobs(layout), "v1");
    bothWays(alg, layout, image, "verify-layout", "attest-layout", dir.toString(), null);
  }

  private void bothWays(SignatureAlgorithm alg, Repository repo, Descriptor image, String verifyCmd,
      String attestCmd, String where, String repoName) throws Exception {
    ATTESTER.attach(repo, image, TestAttestations.envelope(TestSigners.signer(alg, "ours"), image.digest(),
        TestAttestations.SLSA1, "{\"buildDefinition\":{\"buildType\":\"https://example/make\"}}"));
    Path ours = pem(alg, "ours", false);
    Peers.Result ok = peer(verifyCmd, where, repoName, "v1", ours.toString(), TestAttestations.SLSA1);
    assertEquals(0, ok.exitCode(), ok::output);
    assertTrue(ok.stdout().contains("verified: 1 attestation(s) for " + image.digest()), ok::output);
    Peers.Result wrongType = peer(verifyCmd, where, repoName, "v1", ours.toString(), TestAttestations.CYCLONEDX);
    assertEquals(1, wrongType.exitCode(), wrongType::output);
    assertTrue(wrongType.stdout().contains("types found: " + TestAttestations.SLSA1), wrongType::output);
    Peers.Result wrongKey = peer(verifyCmd, where, repoName, "v1", pem(alg, "theirs", false).toString());
    assertEquals(1, wrongKey.exitCode(), wrongKey::output);

    Path predicate = tmp.resolve("sbom.json");
    Files.writeString(predicate, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
    Peers.Result attested = peer(attestCmd, where, repoName, "v1", pem(alg, "theirs", true).toString(),
        TestAttestations.CYCLONEDX, predicate.toString());
    assertEquals(0, attested.exitCode(), attested::output);

    Repository back = repo instanceof OciLayout ? OciLayout.open(((OciLayout) repo).path()) : repo;
    ImageAttestationResult theirs = ImageAttestationVerifier.builder().trust(TestSigners.verifier(alg, "theirs"))
        .type(TestAttestations.CYCLONEDX).build().verify(back, "v1");
    assertTrue(theirs.passed(), theirs::toString);
    assertEquals(1, theirs.statements().size(), theirs::toString);
    assertEquals(StatementVersion.V0_1, theirs.statements().get(0).version());
    assertEquals("CycloneDX", theirs.statements().get(0).predicate().get("bomFormat").asText());
    ImageAttestationResult mine = ImageAttestationVerifier.builder().trust(TestSigners.verifier(alg, "ours"))
        .type(TestAttestations.SLSA1).build().verify(back, "v1");
    assertEquals(2, mine.verified().size(), "our layer survives the peer's append, plus our referrer: " + mine);
    assertEquals(2, ImageManifest.parse(back.manifest(Triangulation
        .attestationTag(image.digest())).orElseThrow()).layers().size());
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ED25519", "RSA_PKCS1V15_SHA256"})
  void bundleReferrerVerifiesWithSigstoreJs(SignatureAlgorithm alg) throws Exception {
    String name = "attjs/" + alg.id().toLowerCase().replaceAll("[^a-z0-9]", "");
    Repository repo = registry.repository(SERVER.reference(name + ":v1"));
    Descriptor image = repo.putManifest(TestImages.pushImageBlobs(repo), "v1");
    List<AttachedSignature> out = ImageAttester.builder().format(SignatureFormat.BUNDLE).confirmDelay(Duration.ZERO)
        .build().attach(repo, image, TestAttestations.envelope(TestSigners.signer(alg, "js"), image.digest(),
            TestAttestations.SLSA1, "{}"));
    ImageManifest referrer = ImageManifest.parse(repo.manifest(out.get(0).manifest().digest().toString())
        .orElseThrow());
    Path bundle = tmp.resolve("bundle.json");
    Files.write(bundle, TestAttestations.blob(repo, referrer.layers().get(0)));
    Peers.Result ok = Peers.sigstoreVerify(bundle, pem(alg, "js", false));
    assertEquals(0, ok.exitCode(), ok::output);
    assertTrue(ok.stdout().startsWith("verified: dsseEnvelope"), ok::output);
    Peers.Result rejected = Peers.sigstoreVerify(bundle, pem(alg, "js-other", false));
    assertEquals(1, rejected.exitCode(), rejected::output);
  }

  @Test
  void peerRejectsAnotherImagesAttestationCopiedOntoThisOne() throws Exception {
    Repository repo = registry.repository(SERVER.reference("attcopy/app:v1"));
    Descriptor image = repo.putManifest(TestImages.pushImageBlobs(repo), "v1");
    Descriptor other = repo.putManifest(TestImages.pushImageBlobs(repo, Map.of("o", "1")), "other");
    ImageAttester.builder().format(SignatureFormat.LEGACY).confirmDelay(Duration.ZERO).build().attach(repo, other,
        TestAttestations.envelope(TestSigners.p256("copy"), other.digest(), TestAttestations.SLSA1, "{}"));
    // copy other's .att manifest, byte for byte, to this image's .att tag
    repo.putManifest(repo.manifest(Triangulation.attestationTag(other.digest()))
        .orElseThrow(), Triangulation.attestationTag(image.digest()));
    Path pub = pem(SignatureAlgorithm.ECDSA_P256_SHA256, "copy", false);
    Peers.Result peer = Peers.attestationPeer("verify-registry", SERVER.url(), "attcopy/app", "v1", pub.toString());
    assertEquals(1, peer.exitCode(), peer::output);
    assertTrue(peer.stdout().contains("not about " + image.digest()), peer::output);
    ImageAttestationResult ours = ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier("copy")).build()
        .verify(repo, "v1");
    assertFalse(ours.passed(), ours::toString);
    assertEquals(FoundAttestation.Status.FAILED, ours.attestations().get(0).status());
  }

  private static Peers.Result peer(String cmd, String where, String repoName, String... rest) {
    List<String> args = new ArrayList<>(List.of(cmd, where));
    if (repoName != null) {
      args.add(repoName);
    }
    args.addAll(List.of(rest));
    return Peers.attestationPeer(args.toArray(String[]::new));
  }

  private Path pem(SignatureAlgorithm alg, String label, boolean privateKey) throws Exception {
    var keys = TestSigners.keyPair(alg, label);
    Path p = tmp.resolve(label + alg.id() + (privateKey ? ".key.pem" : ".pub.pem"));
    Files.writeString(p, privateKey ? PemKeys.writePrivateKey(keys.getPrivate()) : PemKeys.writePublicKey(
        keys.getPublic()), StandardCharsets.US_ASCII);
    return p;
  }
}
