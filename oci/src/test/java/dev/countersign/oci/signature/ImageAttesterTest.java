package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.InMemoryRepository.ReferrersMode;
import dev.countersign.oci.testing.TestAttestations;
import dev.countersign.oci.testing.TestSigners;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@link ImageAttester} writes, byte for byte where cosign fixes it, and that it writes nothing twice. */
class ImageAttesterTest {
  private static final ImageAttester ATTESTER = ImageAttester.builder().confirmDelay(Duration.ZERO)
      .clock(Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC)).build();

  @ParameterizedTest
  @EnumSource(ReferrersMode.class)
  void writesCosignAttLayerAndBundleReferrer(ReferrersMode mode) {
    InMemoryRepository repo = new InMemoryRepository("r/app").referrersMode(mode);
    Descriptor image = InMemoryImages.image(repo, "v1");
    DsseEnvelope env = TestAttestations.envelope(TestSigners.p256("att"), image.digest(), TestAttestations.SLSA1,
        "{\"buildDefinition\":{}}");
    List<AttachedSignature> out = ATTESTER.attach(repo, image, env);
    assertEquals(2, out.size());
    assertEquals(Triangulation.attestationTag(image.digest()), out.get(0).tag().orElseThrow());

    JsonNode att = TestAttestations.json(repo, Triangulation.attestationTag(image.digest()));
    assertEquals(MediaTypes.OCI_MANIFEST, att.get("mediaType").asText());
    assertEquals(MediaTypes.OCI_CONFIG, att.get("config").get("mediaType").asText());
    JsonNode layer = att.get("layers").get(0);
    assertEquals(MediaTypes.DSSE_ENVELOPE, layer.get("mediaType").asText());
    assertEquals(Map.of("dev.cosignproject.cosign/signature", "", "predicateType", TestAttestations.SLSA1),
        TestAttestations.JSON.convertValue(layer.get("annotations"), Map.class));
    ImageManifest parsed = TestAttestations.image(repo, Triangulation.attestationTag(image.digest()));
    assertArrayEquals(env.toJson().getBytes(StandardCharsets.UTF_8),
        TestAttestations.blob(repo, parsed.layers().get(0)));
    String config = new String(TestAttestations.blob(repo, parsed.config()), StandardCharsets.UTF_8);
    assertEquals("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + parsed.layers().get(0).digest() + "\"]},\"config\":{}}", config);

    Descriptor referrer = out.get(1).manifest();
    JsonNode m = TestAttestations.json(repo, referrer.digest().toString());
    assertEquals(MediaTypes.SIGSTORE_BUNDLE_V03, m.get("artifactType").asText());
    assertEquals(MediaTypes.OCI_EMPTY, m.get("config").get("mediaType").asText());
    assertEquals(image.digest().toString(), m.get("subject").get("digest").asText());
    assertEquals("dsse-envelope", m.get("annotations").get("dev.sigstore.bundle.content").asText());
    assertEquals(TestAttestations.SLSA1, m.get("annotations").get("dev.sigstore.bundle.predicateType").asText());
    assertEquals("2025-03-04T05:06:07Z", m.get("annotations").get("org.opencontainers.image.created").asText());
    Bundle b = Bundle.parse(TestAttestations.blob(repo, ImageManifest.parse(repo.manifest(referrer.digest()
        .toString()).orElseThrow()).layers().get(0)));
    assertEquals(env, b.dsseEnvelope().orElseThrow());
    assertEquals(List.of(referrer.digest()), repo.referrers(image.digest(), null).stream().map(Descriptor::digest)
        .toList());
  }

  @ParameterizedTest
  @EnumSource(ReferrersMode.class)
  void sameEnvelopeTwiceIsStoredOnceAndAnotherIsAppended(ReferrersMode mode) {
    InMemoryRepository repo = new InMemoryRepository("r/app").referrersMode(mode);
    Descriptor image = InMemoryImages.image(repo, "v1");
    DsseEnvelope env = TestAttestations.envelope(TestSigners.p256("att"), image.digest(), TestAttestations.SLSA1,
        "{}");
    List<AttachedSignature> first = ATTESTER.attach(repo, image, env);
    int manifests = repo.manifestsSnapshot().size();
    List<AttachedSignature> again = ATTESTER.attach(repo, image, env);
    assertEquals(first, again);
    assertEquals(manifests, repo.manifestsSnapshot().size(), "nothing new written");
    String tag = Triangulation.attestationTag(image.digest());
    assertEquals(1, TestAttestations.image(repo, tag).layers().size());
    assertEquals(1, repo.referrers(image.digest(), null).size());

    DsseEnvelope sbom = TestAttestations.envelope(TestSigners.p256("att"), image.digest(),
        TestAttestations.CYCLONEDX, "{\"bomFormat\":\"CycloneDX\"}");
    ATTESTER.attach(repo, image, sbom);
    List<Descriptor> layers = TestAttestations.image(repo, tag).layers();
    assertEquals(2, layers.size());
    assertEquals(TestAttestations.CYCLONEDX, layers.get(1).annotations().get("predicateType"));
    assertEquals(2, repo.referrers(image.digest(), null).size());
  }

  @Test
  void eachFormatAloneWritesOnlyItsScheme() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    DsseEnvelope env = TestAttestations.envelope(TestSigners.p256("att"), image.digest(), TestAttestations.SLSA1,
        "{}");
    ImageAttester.builder().format(SignatureFormat.LEGACY).confirmDelay(Duration.ZERO).build()
        .attach(repo, image, env);
    assertTrue(repo.referrers(image.digest(), null).isEmpty());
    InMemoryRepository other = new InMemoryRepository("r/app");
    Descriptor image2 = InMemoryImages.image(other, "v1");
    DsseEnvelope env2 = TestAttestations.envelope(TestSigners.p256("att"), image2.digest(), TestAttestations.SLSA1,
        "{}");
    ImageAttester.builder().format(SignatureFormat.BUNDLE).confirmDelay(Duration.ZERO).build()
        .attach(other, image2, env2);
    assertTrue(other.manifest(Triangulation.attestationTag(image2.digest())).isEmpty());
    assertEquals(1, other.referrers(image2.digest(), null).size());
  }

  @Test
  void refusesEnvelopesThatAreNotAnAttestationOfThisImage() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    Descriptor other = InMemoryImages.image(repo, "v2");
    DsseEnvelope aboutOther = TestAttestations.envelope(TestSigners.p256("att"), other.digest(),
        TestAttestations.SLSA1, "{}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ATTESTER.attach(repo, image,
        aboutOther));
    assertTrue(e.getMessage().contains("not about " + image.digest()), e::getMessage);
    DsseEnvelope notInToto = TestAttestations.raw(TestSigners.p256("att"), "text/plain", "hello");
    e = assertThrows(InvalidInputException.class, () -> ATTESTER.attach(repo, image, notInToto));
    assertTrue(e.getMessage().contains("payload type"), e::getMessage);
    DsseEnvelope noSubject = TestAttestations.raw(TestSigners.p256("att"), "application/vnd.in-toto+json",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"x\",\"predicate\":{}}");
    assertThrows(InvalidInputException.class, () -> ATTESTER.attach(repo, image, noSubject));
    assertEquals(2, repo.tagsSnapshot().size(), "nothing written: only v1 and v2 are tagged");
  }

  @Test
  void signatureVerificationIgnoresAttestationReferrers() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ImageSigner.builder(TestSigners.p256("att")).confirmDelay(Duration.ZERO).build().sign(repo, "r/app", image);
    ATTESTER.attach(repo, image, TestAttestations.envelope(TestSigners.p256("att"), image.digest(),
        TestAttestations.SLSA1, "{}"));
    ImageVerificationResult r = ImageVerifier.builder().trust(TestSigners.p256Verifier("att")).build()
        .verify(repo, "v1");
    assertTrue(r.passed(), r::toString);
    assertEquals(2, r.verified().size(), r::toString);
    assertEquals(1, r.signatures().stream().filter(s -> s.status() == FoundSignature.Status.IGNORED).count(),
        r::toString);
    assertTrue(r.signatures().stream().noneMatch(s -> s.status() == FoundSignature.Status.FAILED), r::toString);
  }
}
