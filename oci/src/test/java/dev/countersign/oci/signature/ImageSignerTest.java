package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseVerifier;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.InMemoryRepository.ReferrersMode;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.TestSigners;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageSignerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.891Z"), ZoneOffset.UTC);

  static ImageSigner.Builder signer(Signer s) {
    return ImageSigner.builder(s).clock(CLOCK).confirmDelay(Duration.ZERO);
  }

  static JsonNode json(InMemoryRepository repo, String ref) throws IOException {
    return JSON.readTree(repo.manifest(ref).get().bytes());
  }

  static byte[] blob(InMemoryRepository repo, Descriptor d) throws IOException {
    try (InputStream in = repo.openBlob(d)) {
      return in.readAllBytes();
    }
  }

  @Test
  void legacySignatureIsTheCosignLayout() throws IOException {
    InMemoryRepository repo = new InMemoryRepository("r.example/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    Signer s = TestSigners.p256("legacy");
    List<AttachedSignature> out = signer(s).format(SignatureFormat.LEGACY).annotation("team=web").build()
        .sign(repo, "r.example/app", image);
    assertEquals(1, out.size());
    String tag = Triangulation.signatureTag(image.digest());
    assertEquals(tag, out.get(0).tag().get());
    JsonNode m = json(repo, tag);
    assertEquals(2, m.get("schemaVersion").asInt());
    assertEquals(MediaTypes.OCI_MANIFEST, m.get("mediaType").asText());
    assertEquals(List.of("schemaVersion", "mediaType", "config", "layers"), fieldNames(m));
    JsonNode layer = m.get("layers").get(0);
    assertEquals(MediaTypes.COSIGN_SIMPLE_SIGNING, layer.get("mediaType").asText());
    Descriptor payloadDesc = Descriptor.of(MediaTypes.COSIGN_SIMPLE_SIGNING,
        dev.countersign.core.Digest.parse(layer.get("digest").asText()), layer.get("size").asLong());
    byte[] payload = blob(repo, payloadDesc);
    assertEquals("{\"critical\":{\"identity\":{\"docker-reference\":\"r.example/app\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + image.digest() + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":{\"team\":\"web\"}}", new String(payload));
    byte[] sig = Base64.getDecoder().decode(layer.get("annotations").get("dev.cosignproject.cosign/signature")
        .asText());
    TestSigners.p256Verifier("legacy").verify(payload, sig);
    JsonNode config = m.get("config");
    assertEquals(MediaTypes.OCI_CONFIG, config.get("mediaType").asText());
    byte[] cfg = blob(repo, Descriptor.of(MediaTypes.OCI_CONFIG,
        dev.countersign.core.Digest.parse(config.get("digest").asText()), config.get("size").asLong()));
    assertEquals("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + payloadDesc.digest() + "\"]},\"config\":{}}", new String(cfg));
    assertTrue(repo.referrers(image.digest(), null).isEmpty(), "LEGACY writes no referrer");
  }

  @Test
  void appendsToExistingSignaturesAndNeverDuplicates() throws IOException {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    // Ed25519 and RSA PKCS#1 v1.5 are deterministic: signing twice yields the identical layer.
    Signer ed = TestSigners.signer(SignatureAlgorithm.ED25519, "dup");
    Signer rsa = TestSigners.signer(SignatureAlgorithm.RSA_PKCS1V15_SHA256, "dup");
    ImageSigner a = signer(ed).format(SignatureFormat.LEGACY).build();
    a.sign(repo, "r/app", image);
    signer(rsa).format(SignatureFormat.LEGACY).build().sign(repo, "r/app", image);
    a.sign(repo, "r/app", image);
    JsonNode m = json(repo, Triangulation.signatureTag(image.digest()));
    assertEquals(2, m.get("layers").size());
    JsonNode cfg = JSON.readTree(blob(repo, Descriptor.of(MediaTypes.OCI_CONFIG,
        dev.countersign.core.Digest.parse(m.get("config").get("digest").asText()), m.get("config").get("size")
            .asLong())));
    assertEquals(2, cfg.get("rootfs").get("diff_ids").size());
    assertEquals(2, cfg.get("history").size());
    assertEquals(m.get("layers").get(1).get("digest").asText(), cfg.get("rootfs").get("diff_ids").get(1).asText());
  }

  @ParameterizedTest
  @EnumSource(ReferrersMode.class)
  void bundleIsAReferrerInEveryReferrersMode(ReferrersMode mode) throws IOException {
    InMemoryRepository repo = new InMemoryRepository("r/app").referrersMode(mode);
    Descriptor image = InMemoryImages.image(repo, "v1");
    Signer s = TestSigners.p256("bundle");
    List<AttachedSignature> out = signer(s).format(SignatureFormat.BUNDLE).build().sign(repo, "r/app", image);
    assertEquals(1, out.size());
    Descriptor ref = out.get(0).manifest();
    assertFalse(repo.tags().contains(Triangulation.signatureTag(image.digest())), "BUNDLE writes no .sig");
    List<Descriptor> listed = repo.referrers(image.digest(), MediaTypes.SIGSTORE_BUNDLE_V03);
    assertEquals(List.of(ref.digest()), listed.stream().map(Descriptor::digest).toList());
    assertEquals(mode != ReferrersMode.API, repo.tags().contains(Triangulation.referrersTag(image.digest())));

    JsonNode m = json(repo, ref.digest().toString());
    assertEquals(MediaTypes.SIGSTORE_BUNDLE_V03, m.get("artifactType").asText());
    assertEquals(MediaTypes.OCI_EMPTY, m.get("config").get("mediaType").asText());
    assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        m.get("config").get("digest").asText());
    assertEquals(2, m.get("config").get("size").asInt());
    assertEquals(image.digest().toString(), m.get("subject").get("digest").asText());
    assertEquals(image.size(), m.get("subject").get("size").asLong());
    assertEquals(image.mediaType(), m.get("subject").get("mediaType").asText());
    assertEquals("dsse-envelope", m.get("annotations").get("dev.sigstore.bundle.content").asText());
    assertEquals("https://sigstore.dev/cosign/sign/v1",
        m.get("annotations").get("dev.sigstore.bundle.predicateType").asText());
    assertEquals("2025-03-04T05:06:07Z", m.get("annotations").get("org.opencontainers.image.created").asText());
    assertEquals(1, m.get("layers").size());
    JsonNode layer = m.get("layers").get(0);
    assertEquals(MediaTypes.SIGSTORE_BUNDLE_V03, layer.get("mediaType").asText());

    Bundle b = Bundle.parse(blob(repo, Descriptor.of(MediaTypes.SIGSTORE_BUNDLE_V03,
        dev.countersign.core.Digest.parse(layer.get("digest").asText()), layer.get("size").asLong())));
    assertEquals(s.keyId().value(), b.verificationMaterial().publicKeyHint().get());
    DsseEnvelope env = b.dsseEnvelope().get();
    byte[] statement = DsseVerifier.builder().trust(TestSigners.p256Verifier("bundle"))
        .payloadType("application/vnd.in-toto+json").build().verifiedPayload(env);
    assertEquals("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
        + image.digest().hex() + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}",
        new String(statement));
  }

  @Test
  void unmaintainedFallbackIndexKeepsEverySigner() throws IOException {
    InMemoryRepository repo = new InMemoryRepository("r/app").referrersMode(ReferrersMode.FALLBACK_UNMAINTAINED);
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(TestSigners.p256("a")).format(SignatureFormat.BUNDLE).build().sign(repo, "r/app", image);
    signer(TestSigners.p256("b")).format(SignatureFormat.BUNDLE).build().sign(repo, "r/app", image);
    JsonNode index = json(repo, Triangulation.referrersTag(image.digest()));
    assertEquals(MediaTypes.OCI_INDEX, index.get("mediaType").asText());
    assertEquals(2, index.get("manifests").size());
    for (JsonNode e : index.get("manifests")) {
      assertEquals(MediaTypes.SIGSTORE_BUNDLE_V03, e.get("artifactType").asText());
      assertEquals("dsse-envelope", e.get("annotations").get("dev.sigstore.bundle.content").asText());
    }
  }

  @Test
  void bothIsTheDefaultAndWritesEach() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    List<AttachedSignature> out = ImageSigner.builder(TestSigners.p256("both")).confirmDelay(Duration.ZERO).build()
        .sign(repo, "r/app", image);
    assertEquals(List.of(SignatureFormat.LEGACY, SignatureFormat.BUNDLE),
        out.stream().map(AttachedSignature::format).toList());
  }

  @Test
  void recursiveSignsTheIndexAndEveryPlatformManifest() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor amd = InMemoryImages.image(repo, null);
    Descriptor arm = InMemoryImages.image(repo, null);
    Descriptor index = InMemoryImages.index(repo, "multi", List.of(amd, arm));
    List<AttachedSignature> out = signer(TestSigners.p256("rec")).recursive(true).build()
        .sign(repo, "r/app", index);
    assertEquals(6, out.size());
    assertEquals(List.of(index.digest(), index.digest(), amd.digest(), amd.digest(), arm.digest(), arm.digest()),
        out.stream().map(AttachedSignature::subject).toList());
    List<AttachedSignature> flat = signer(TestSigners.p256("flat")).build().sign(repo, "r/app", index);
    assertEquals(2, flat.size());
  }

  @Test
  void refusesReferencesWithTagOrDigest() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ImageSigner s = signer(TestSigners.p256("ref")).build();
    for (String bad : new String[] {"r/app:v1", "r/app@" + image.digest(), "", " r/app"}) {
      assertThrows(InvalidInputException.class, () -> s.sign(repo, bad, image), bad);
    }
    s.sign(repo, "localhost:5000/r/app", image);
  }

  @Test
  void refusesToGrowASignatureManifestBeyondWhatCosignReads() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    HostileSignaturesTest.manyLayers(repo, image.digest(), 1000);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> signer(TestSigners.p256("full"))
        .format(SignatureFormat.LEGACY).build().sign(repo, "r/app", image));
    assertTrue(e.getMessage().contains("1000"), e.getMessage());
  }

  @Test
  void ed25519LegacySignaturesArePureEd25519OverThePayload() throws IOException {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(TestSigners.signer(SignatureAlgorithm.ED25519, "ed")).format(SignatureFormat.LEGACY).build()
        .sign(repo, "r/app", image);
    JsonNode layer = json(repo, Triangulation.signatureTag(image.digest())).get("layers").get(0);
    byte[] payload = blob(repo, Descriptor.of(MediaTypes.COSIGN_SIMPLE_SIGNING,
        dev.countersign.core.Digest.parse(layer.get("digest").asText()), layer.get("size").asLong()));
    byte[] sig = Base64.getDecoder().decode(layer.get("annotations").get("dev.cosignproject.cosign/signature")
        .asText());
    assertEquals(64, sig.length);
    TestSigners.verifier(SignatureAlgorithm.ED25519, "ed").verify(payload, sig);
    assertArrayEquals(sig, TestSigners.signer(SignatureAlgorithm.ED25519, "ed").sign(payload));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
