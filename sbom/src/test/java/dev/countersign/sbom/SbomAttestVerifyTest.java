package dev.countersign.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.oci.signature.Triangulation;
import dev.countersign.oci.testing.RegistryServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Attach then verify, against the real registry and an OCI layout; what must be rejected is rejected. */
class SbomAttestVerifyTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Registry registry;

  private final Signer signer = TestKeys.p256("sbom-release");
  private final SbomVerifier verifier = SbomVerifier.builder().trust(TestKeys.p256Verifier("sbom-release"))
      .build();

  @TempDir
  Path dir;

  @BeforeAll
  static void client() {
    registry = Registry.builder().credentials(CredentialsProvider.anonymous()).build();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @Test
  void importedCycloneDxRoundTripsThroughTheRegistry() throws Exception {
    Repository repo = registry.repository(SERVER.reference("team/app"));
    Descriptor image = TestImages.image(repo, "v1", "app v1");
    SbomDocument doc = SbomDocuments.defaults().read(Vectors.path("cdxgen/bom-hakit.json"));
    SbomAttachment a = SbomAttestor.builder().signer(signer).build().attach(repo, SERVER.reference("team/app"),
        "v1", doc);
    assertEquals(image.digest(), a.image());
    assertEquals(2, a.stored().size(), "the .att layer and the bundle referrer");

    SbomVerification v = verifier.verify(repo, "v1").orThrow();
    assertEquals(image.digest(), v.digest().orElseThrow());
    assertEquals(1, v.verifiedCount(), "one envelope stored in two schemes is one SBOM");
    assertEquals(List.of(signer.keyId()), v.keyIds());
    assertEquals("1.6", v.specVersion().orElseThrow());
    assertEquals(JSON.readTree(Vectors.bytes("cdxgen/bom-hakit.json")), v.document().orElseThrow());
    Bom bom = v.bom().orElseThrow();
    assertEquals(Set.of("pkg:swift/github.com/mxcl/PromiseKit@6.13.3", "pkg:swift/github.com/bgoncal/Starscream@4.0.8"),
        bom.getComponents().stream().map(Component::getPurl).collect(Collectors.toSet()));
    // What cosign verify-attestation --type cyclonedx looks for: the same attestation, by predicate type.
    assertTrue(ImageAttestationVerifier.builder().trust(TestKeys.p256Verifier("sbom-release")).type("cyclonedx")
        .build().verify(repo, "v1").passed());
    assertTrue(v.unsignedAttachments().isEmpty());
  }

  @Test
  void xmlAndSpdxRoundTripThroughAnOciLayout() {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    Descriptor image = TestImages.image(layout, "v1", "layout image");
    SbomAttestor attestor = SbomAttestor.builder().signer(signer).format(SignatureFormat.LEGACY).build();
    attestor.attach(layout, "layout", "v1", SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.xml")));
    attestor.attach(layout, "layout", image.digest().toString(),
        SbomDocuments.defaults().read(Vectors.path("syft/spdx-2.3.json")));

    SbomVerification cdx = verifier.verify(layout, "v1").orThrow();
    assertEquals("github.com/wagoodman/go-partybus", cdx.bom().orElseThrow().getComponents().get(0).getName());
    SbomVerification spdx = SbomVerifier.builder().trust(TestKeys.p256Verifier("sbom-release")).spdx().build()
        .verify(layout, "v1").orThrow();
    assertEquals("SPDX-2.3", spdx.specVersion().orElseThrow());
    assertTrue(spdx.bom().isEmpty(), "SPDX has no CycloneDX model");
    assertEquals("go.mod", spdx.document().orElseThrow().get("name").asText());
  }

  @Test
  void aWrongKeyHandsOutNothing() {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    TestImages.image(layout, "v1", "x");
    SbomAttestor.builder().signer(TestKeys.p256("someone-else")).build().attach(layout, "layout", "v1",
        SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.json")));
    SbomVerification v = verifier.verify(layout, "v1");
    assertFalse(v.passed());
    assertTrue(v.bom().isEmpty() && v.json().isEmpty() && v.document().isEmpty() && v.keyIds().isEmpty());
    assertTrue(v.reason().orElseThrow().contains("no valid attestation"), v.reason().orElseThrow());
    assertThrows(VerificationException.class, v::orThrow);
  }

  @Test
  void anAttestationAboutAnotherImageIsRejected() {
    Repository repo = registry.repository(SERVER.reference("team/copied"));
    Descriptor signed = TestImages.image(repo, "signed", "the signed image");
    Descriptor other = TestImages.image(repo, "other", "another image");
    SbomAttestor.builder().signer(signer).format(SignatureFormat.LEGACY).build().attach(repo, "team/copied",
        "signed", SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.5.json")));
    // Copy the signed image's .att manifest (a valid signature, about the other digest) onto the other image.
    repo.putManifest(repo.manifest(Triangulation.attestationTag(signed.digest())).orElseThrow(),
        Triangulation.attestationTag(other.digest()));
    assertTrue(verifier.verify(repo, "signed").passed());
    SbomVerification v = verifier.verify(repo, "other");
    assertFalse(v.passed());
    assertTrue(v.json().isEmpty());
    assertTrue(v.attestations().attestations().get(0).reason().orElseThrow().contains("subject"),
        v.attestations().toString());
  }

  @Test
  void oversizedSbomsAreRefusedBeforeAnythingIsWritten() {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    Descriptor image = TestImages.image(layout, "v1", "x");
    SbomDocument laravel = SbomDocuments.defaults().read(Vectors.path("bom-examples/laravel-bom.1.4.json"));
    InvalidInputException capped = assertThrows(InvalidInputException.class, () -> SbomAttestor.builder()
        .signer(signer).maxPredicateBytes(64 << 10).build().attach(layout, "layout", "v1", laravel));
    assertTrue(capped.getMessage().contains("above the 65536-byte limit for SBOM attestations"), capped.getMessage());

    Bom huge = new Bom();
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setName("big");
    c.setDescription("x".repeat(13 << 20));
    huge.addComponent(c);
    SbomDocument doc = SbomDocuments.defaults().fromBom(huge);
    assertTrue(doc.size() < SbomDocuments.DEFAULT_MAX_BYTES);
    InvalidInputException envelope = assertThrows(InvalidInputException.class,
        () -> SbomAttestor.builder().signer(signer).build().attach(layout, "layout", "v1", doc));
    assertTrue(envelope.getMessage().contains("its DSSE envelope is") && envelope.getMessage().contains("16 MiB"),
        envelope.getMessage());
    assertTrue(layout.resolve(Triangulation.attestationTag(image.digest())).isEmpty(), "nothing attached");
    assertTrue(layout.referrers(image.digest(), null).isEmpty(), "no referrer either");
  }

  @Test
  void legacySbomAttachmentsAreReportedUnsignedAndNeverVerified() {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    Descriptor image = TestImages.image(layout, "v1", "x");
    byte[] spdx = Vectors.bytes("syft/spdx-2.3.json");
    TestImages.attachLegacySbom(layout, image.digest(), "spdx+json", spdx);

    List<UnsignedSbom> found = LegacySbomAttachments.read(layout, "v1");
    assertEquals(1, found.size());
    UnsignedSbom u = found.get(0);
    assertFalse(u.verified());
    assertEquals("spdx+json", u.mediaType());
    assertEquals("sha256-" + image.digest().hex() + ".sbom", u.tag());
    assertTrue(u.toString().startsWith("UNSIGNED"), u.toString());
    assertEquals(new String(spdx), new String(u.content()));

    SbomVerification none = verifier.verify(layout, "v1");
    assertFalse(none.passed());
    assertTrue(none.json().isEmpty());
    assertEquals(1, none.unsignedAttachments().size());
    assertTrue(none.reason().orElseThrow().contains("1 unsigned cosign .sbom attachment"), none.reason().get());

    SbomAttestor.builder().signer(signer).build().attach(layout, "layout", "v1",
        SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.json")));
    SbomVerification signed = verifier.verify(layout, "v1").orThrow();
    assertEquals(1, signed.unsignedAttachments().size());
    assertEquals("CycloneDX", signed.document().orElseThrow().get("bomFormat").asText(),
        "the signed SBOM, never the unsigned one");
    assertTrue(signed.report().checks().stream().anyMatch(ch -> ch.name().equals("unsigned-sbom")));
  }

  @Test
  void signedButInvalidSbomsDoNotVerify() {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    Descriptor image = TestImages.image(layout, "v1", "x");
    dev.countersign.oci.signature.ImageAttester attester = dev.countersign.oci.signature.ImageAttester.builder()
        .build();
    attester.attest(layout, image, "layout", signer, PredicateTypes.CYCLONEDX, JSON.createObjectNode()
        .put("bomFormat", "CycloneDX").put("specVersion", "1.6").set("components", JSON.createArrayNode()
            .add(JSON.createObjectNode().put("name", "no type"))));
    SbomVerification v = verifier.verify(layout, "v1");
    assertFalse(v.passed());
    assertTrue(v.reason().orElseThrow().contains("hold no valid SBOM")
        && v.reason().get().contains("not valid CycloneDX 1.6"), v.reason().get());

    OciLayout second = OciLayout.create(dir.resolve("second"));
    Descriptor img2 = TestImages.image(second, "v1", "y");
    attester.attest(second, img2, "second", signer, PredicateTypes.CYCLONEDX + "/v1.5",
        SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.json")).predicate());
    SbomVerification mismatch = verifier.verify(second, "v1");
    assertTrue(mismatch.reason().orElseThrow().contains("names CycloneDX 1.5 but the BOM's specVersion is 1.6"),
        mismatch.reason().get());
    attester.attest(second, img2, "second", signer, PredicateTypes.CYCLONEDX + "/v1.6",
        SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.json")).predicate());
    SbomVerification versioned = verifier.verify(second, "v1").orThrow();
    assertEquals(1, versioned.verifiedCount(), "the mismatched one does not count");
  }

  @Test
  void thresholdCountsDistinctKeys() {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    TestImages.image(layout, "v1", "x");
    SbomAttestor.builder().signer(signer).build().attach(layout, "layout", "v1",
        SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.json")));
    SbomVerifier two = SbomVerifier.builder().trust(TestKeys.p256Verifier("sbom-release"),
        TestKeys.p256Verifier("second")).threshold(2).build();
    assertFalse(two.verify(layout, "v1").passed());
    assertThrows(InvalidInputException.class, () -> SbomVerifier.builder().build());
    assertThrows(InvalidInputException.class, () -> SbomAttestor.builder().build());
    assertThrows(InvalidInputException.class, () -> SbomAttestor.builder().signer(signer).build()
        .attach(layout, "layout", "missing", SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.json"))));
    assertFalse(verifier.verify(layout, "missing").passed());
  }

  static Set<String> names(Bom bom) {
    return bom.getComponents().stream().map(Component::getName).collect(Collectors.toCollection(TreeSet::new));
  }
}
