package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationCheck;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.testing.DirVectors;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.TestSigners;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Malicious or broken signature material: every case is a failed entry with a reason, never an accept or crash. */
class HostileSignaturesTest {
  static final String SIG = "dev.cosignproject.cosign/signature";
  final Signer trusted = TestSigners.p256("hostile");
  final ImageVerifier verifier = ImageVerifier.builder().trust(TestSigners.p256Verifier("hostile")).build();
  InMemoryRepository repo;
  Descriptor image;

  @BeforeEach
  void setUp() {
    repo = new InMemoryRepository("r/app");
    image = InMemoryImages.image(repo, "v1");
  }

  /** A {@code .sig} manifest of {@code n} layers sharing one (unsigned) payload. */
  static void manyLayers(InMemoryRepository repo, Digest subject, int n) {
    Descriptor blob = repo.pushBlob(MediaTypes.COSIGN_SIMPLE_SIGNING,
        SimpleSigningPayload.of("r/app", subject, null).bytes());
    List<Descriptor> layers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      layers.add(layer(blob, Base64.getEncoder().encodeToString(("junk" + i).getBytes(StandardCharsets.UTF_8))));
    }
    DirVectors.putSignatureManifest(repo, subject, layers);
  }

  static Descriptor layer(Descriptor blob, String sig) {
    return Descriptor.builder().mediaType(MediaTypes.COSIGN_SIMPLE_SIGNING).digest(blob.digest()).size(blob.size())
        .annotations(sig == null ? Map.of() : Map.of(SIG, sig)).build();
  }

  /** A layer whose payload is {@code payload}, correctly signed by the trusted key. */
  Descriptor signed(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    Descriptor blob = repo.pushBlob(MediaTypes.COSIGN_SIMPLE_SIGNING, bytes);
    return layer(blob, Base64.getEncoder().encodeToString(trusted.sign(bytes)));
  }

  FoundSignature only(List<Descriptor> layers) {
    DirVectors.putSignatureManifest(repo, image.digest(), layers);
    ImageVerificationResult r = verifier.verify(repo, "v1");
    assertFalse(r.passed(), r::toString);
    assertEquals(layers.size(), r.signatures().size(), r::toString);
    FoundSignature s = r.signatures().get(0);
    assertEquals(FoundSignature.Status.FAILED, s.status(), s::toString);
    return s;
  }

  static VerificationCheck failed(FoundSignature s, String check) {
    VerificationCheck c = s.report().check(check).orElseThrow(() -> new AssertionError(s.toString()));
    if (c.status() != VerificationCheck.Status.FAILED) {
      c = s.report().failures().stream().filter(f -> f.name().equals(check)).findFirst()
          .orElseThrow(() -> new AssertionError(s.toString()));
    }
    return c;
  }

  @Test
  void tenThousandLayersAreCappedAtOneThousand() {
    manyLayers(repo, image.digest(), 10_000);
    ImageVerificationResult r = verifier.verify(repo, "v1");
    assertFalse(r.passed());
    assertEquals(1000, r.signatures().size());
    assertTrue(r.notes().contains(Triangulation.signatureTag(image.digest()) + " has 10000 layers; only the first"
        + " 1000 were considered (cosign reads no more)"), r.notes()::toString);
  }

  @Test
  void aValidSignatureBeyondTheCapIsNotConsidered() {
    Descriptor good = signed(SimpleSigningPayload.of("r/app", image.digest(), null).json());
    Descriptor junk = layer(good, "AAAA");
    List<Descriptor> layers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      layers.add(junk);
    }
    layers.add(good);
    DirVectors.putSignatureManifest(repo, image.digest(), layers);
    assertFalse(verifier.verify(repo, "v1").passed());
    layers.add(0, good);
    DirVectors.putSignatureManifest(repo, image.digest(), layers);
    assertTrue(verifier.verify(repo, "v1").passed());
  }

  @Test
  void invalidJsonPayloadSignedByTheTrustedKey() {
    FoundSignature s = only(List.of(signed("{\"critical\":")));
    assertTrue(failed(s, "payload").detail().get().contains("not valid JSON"), s::toString);
    assertEquals(VerificationCheck.Status.PASSED, s.report().check("signature").get().status());
    assertTrue(s.payload().isEmpty());
  }

  @Test
  void duplicateKeysAreRefused() {
    String p = SimpleSigningPayload.of("r/app", image.digest(), null).json()
        .replace("{\"critical\":", "{\"critical\":{},\"critical\":");
    FoundSignature s = only(List.of(signed(p)));
    assertTrue(failed(s, "payload").detail().get().contains("Duplicate field 'critical'"), s::toString);
  }

  @Test
  void extraCriticalFieldsAreRefused() {
    String p = SimpleSigningPayload.of("r/app", image.digest(), null).json()
        .replace("\"type\":", "\"extra\":\"x\",\"type\":");
    FoundSignature s = only(List.of(signed(p)));
    assertTrue(failed(s, "payload").detail().get().contains("critical has unexpected key(s) [extra]"), s::toString);
  }

  @Test
  void wrongDigestClaimsAreRefused() {
    Digest other = InMemoryImages.image(repo, null).digest();
    FoundSignature s = only(List.of(signed(SimpleSigningPayload.of("r/app", other, null).json())));
    VerificationCheck c = failed(s, "manifest-digest");
    assertEquals(image.digest().toString(), c.expected().get());
    assertEquals(other.toString(), c.actual().get());
  }

  @Test
  void emptyMissingAndNonBase64SignatureAnnotations() {
    Descriptor good = signed(SimpleSigningPayload.of("r/app", image.digest(), null).json());
    assertEquals("empty", failed(only(List.of(layer(good, ""))), "signature-annotation").actual().get());
    assertEquals("missing", failed(only(List.of(layer(good, null))), "signature-annotation").actual().get());
    assertEquals("not base64", failed(only(List.of(layer(good, "%%%"))), "signature-annotation").actual().get());
    assertEquals("no trusted key verified it", failed(only(List.of(layer(good, "AAAA"))), "signature")
        .actual().get());
  }

  @Test
  void aRegistryServingOtherBytesForThePayloadIsCaught() {
    Descriptor good = signed(SimpleSigningPayload.of("r/app", image.digest(), null).json());
    DirVectors.putSignatureManifest(repo, image.digest(), List.of(good));
    repo.corruptBlob(good.digest(), SimpleSigningPayload.of("r/app", image.digest(), Map.of("x", "y")).bytes());
    ImageVerificationResult r = verifier.verify(repo, "v1");
    assertFalse(r.passed());
    FoundSignature s = r.signatures().get(0);
    assertTrue(failed(s, "payload").detail().get().contains("does not match"), s::toString);
  }

  @Test
  void oversizedPayloadDescriptorsAreNotFetched() {
    Descriptor good = signed(SimpleSigningPayload.of("r/app", image.digest(), null).json());
    repo.checkReferences(false);
    Descriptor huge = good.toBuilder().size(10L << 30).build();
    FoundSignature s = only(List.of(huge));
    assertEquals(String.valueOf(10L << 30) + " bytes", failed(s, "payload").actual().get());
    assertTrue(repo.log().stream().noneMatch(l -> l.equals("blob " + good.digest())), repo.log()::toString);
  }

  @Test
  void unreadableSignatureManifests() {
    repo.putRaw(MediaTypes.OCI_MANIFEST, "not json".getBytes(StandardCharsets.UTF_8),
        Triangulation.signatureTag(image.digest()));
    ImageVerificationResult r = verifier.verify(repo, "v1");
    assertFalse(r.passed());
    assertTrue(failed(r.signatures().get(0), "signature-manifest").detail().get().contains("not valid JSON"));

    repo.putRaw(MediaTypes.OCI_INDEX, ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[]}").getBytes(StandardCharsets.UTF_8), Triangulation.signatureTag(image.digest()));
    r = verifier.verify(repo, "v1");
    assertTrue(failed(r.signatures().get(0), "signature-manifest").detail().get().contains("not an image manifest"));

    repo.putRaw(MediaTypes.OCI_MANIFEST, ("{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"x\",\"digest\":"
        + "\"sha256:zz\",\"size\":-1}]}").getBytes(StandardCharsets.UTF_8), Triangulation.signatureTag(image.digest()));
    r = verifier.verify(repo, "v1");
    assertFalse(r.passed());
    assertTrue(failed(r.signatures().get(0), "signature-manifest").detail().get().contains("layers[0].digest"));
  }

  @Test
  void hostileReferrers() {
    ImageSigner bundles = ImageSigner.builder(trusted).format(SignatureFormat.BUNDLE).confirmDelay(Duration.ZERO)
        .build();
    Descriptor other = InMemoryImages.image(repo, null);
    // A valid bundle about another image, listed (via a fallback index) as a referrer of ours.
    Descriptor foreign = bundles.sign(repo, "r/app", other).get(0).manifest();
    // A referrer whose bundle layer is garbage.
    Descriptor empty = repo.pushBlob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.US_ASCII));
    Descriptor junk = repo.pushBlob(MediaTypes.SIGSTORE_BUNDLE_V03, "{\"mediaType\":1}".getBytes(StandardCharsets.UTF_8));
    String m = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
        + MediaTypes.SIGSTORE_BUNDLE_V03 + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY
        + "\",\"digest\":\"" + empty.digest() + "\",\"size\":2},\"layers\":[{\"mediaType\":\""
        + MediaTypes.SIGSTORE_BUNDLE_V03 + "\",\"digest\":\"" + junk.digest() + "\",\"size\":" + junk.size()
        + "}],\"subject\":{\"mediaType\":\"" + image.mediaType() + "\",\"digest\":\"" + image.digest()
        + "\",\"size\":" + image.size() + "}}";
    Descriptor garbage = repo.putManifest(Manifest.of(MediaTypes.OCI_MANIFEST, m.getBytes(StandardCharsets.UTF_8)),
        null);
    Digest missing = InMemoryRepository.sha256("nothing".getBytes(StandardCharsets.UTF_8));
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + entry(foreign.digest(), foreign.size()) + "," + entry(missing, 10) + "]}";
    repo.referrersMode(InMemoryRepository.ReferrersMode.FALLBACK_UNMAINTAINED);
    repo.putRaw(MediaTypes.OCI_INDEX, (index.substring(0, index.length() - 2) + "," + entry(garbage.digest(),
        garbage.size()) + "]}").getBytes(StandardCharsets.UTF_8), Triangulation.referrersTag(image.digest()));
    ImageVerificationResult r = verifier.verify(repo, "v1");
    assertFalse(r.passed(), r::toString);
    assertEquals(3, r.signatures().size(), r::toString);
    assertEquals(other.digest().toString(), failed(r.signatures().get(0), "subject").actual().get());
    assertEquals("missing", failed(r.signatures().get(1), "referrer").actual().get());
    assertTrue(failed(r.signatures().get(2), "bundle").detail().isPresent(), r::toString);
  }

  @Test
  void aBundleAboutAnotherDigestIsRefused() {
    Descriptor other = InMemoryImages.image(repo, null);
    // Correctly signed statement about `other`, attached (by subject) to our image.
    var bundle = dev.countersign.oci.internal.signature.BundleAttach.bundle(trusted, other.digest());
    dev.countersign.oci.internal.signature.BundleAttach.push(repo, image, bundle, java.time.Instant.EPOCH);
    ImageVerificationResult r = verifier.verify(repo, "v1");
    assertFalse(r.passed());
    FoundSignature s = r.signatures().get(0);
    assertEquals(VerificationCheck.Status.PASSED, s.report().check("signature").get().status());
    assertTrue(failed(s, "manifest-digest").actual().get().contains(other.digest().hex()), s::toString);
  }

  private static String entry(Digest d, long size) {
    return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + d + "\",\"size\":" + size
        + ",\"artifactType\":\"" + MediaTypes.SIGSTORE_BUNDLE_V03 + "\"}";
  }
}
