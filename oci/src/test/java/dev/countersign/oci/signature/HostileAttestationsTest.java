package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationCheck;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.internal.signature.BundleAttach;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.TestAttestations;
import dev.countersign.oci.testing.TestSigners;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and malformed attestations fail their own entry with a named check, never throw and never pass. Includes
 * the regressions for GHSA-w6c6-c85g-mmv6 and cosign#2264: a genuine attestation of another image, copied onto this
 * image's {@code .att} tag or referrers, must not verify for this image.
 */
class HostileAttestationsTest {
  private static final String IN_TOTO = "application/vnd.in-toto+json";
  private static final ImageAttester ATTESTER = ImageAttester.builder().confirmDelay(Duration.ZERO).build();

  private final InMemoryRepository repo = new InMemoryRepository("r/app");
  private final Descriptor image = InMemoryImages.image(repo, "v1");

  private ImageAttestationResult verify() {
    return ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier("dev")).build().verify(repo, "v1");
  }

  /** Writes {@code .att} with one DSSE layer holding {@code blob}, as a hostile writer could. */
  private void attLayer(byte[] blob) {
    Descriptor b = repo.pushBlob(MediaTypes.DSSE_ENVELOPE, blob);
    Descriptor layer = Descriptor.builder().mediaType(MediaTypes.DSSE_ENVELOPE).digest(b.digest()).size(b.size())
        .annotations(Map.of("dev.cosignproject.cosign/signature", "", "predicateType", TestAttestations.SLSA1))
        .build();
    Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
    repo.putManifest(ImageManifest.builder().config(config).layers(List.of(layer)).build().manifest(),
        Triangulation.attestationTag(image.digest()));
  }

  private static FoundAttestation only(ImageAttestationResult r) {
    assertFalse(r.passed(), r::toString);
    assertEquals(1, r.attestations().size(), r::toString);
    return r.attestations().get(0);
  }

  private static void failedAt(FoundAttestation a, String check) {
    assertEquals(FoundAttestation.Status.FAILED, a.status(), a::toString);
    assertEquals(VerificationCheck.Status.FAILED, a.report().check(check).map(VerificationCheck::status)
        .orElse(null), a::toString);
  }

  @Test
  void attestationOfAnotherImageCopiedOntoAttTagIsRejected() {
    Descriptor other = InMemoryImages.image(repo, "other");
    DsseEnvelope aboutOther = TestAttestations.envelope(TestSigners.p256("dev"), other.digest(),
        TestAttestations.SLSA1, "{}");
    ATTESTER.attach(repo, other, aboutOther);
    assertTrue(ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier("dev")).build()
        .verify(repo, "other").passed(), "genuine on its own image");
    attLayer(aboutOther.toJson().getBytes(StandardCharsets.UTF_8)); // same bytes, copied onto v1's .att
    FoundAttestation a = only(verify());
    failedAt(a, "subject");
    assertEquals(VerificationCheck.Status.PASSED, a.report().check("signature").orElseThrow().status());
    assertTrue(a.statement().isEmpty());
  }

  @Test
  void bundleOfAnotherImageAttachedAsReferrerOfThisImageIsRejected() {
    Descriptor other = InMemoryImages.image(repo, "other");
    DsseEnvelope aboutOther = TestAttestations.envelope(TestSigners.p256("dev"), other.digest(),
        TestAttestations.SLSA1, "{}");
    BundleAttach.push(repo, image, Bundle.ofDsseEnvelope(VerificationMaterial.ofPublicKeyHint(null), aboutOther),
        TestAttestations.SLSA1, Instant.now());
    failedAt(only(verify()), "subject");
  }

  @Test
  void envelopeWithoutSignatures() {
    attLayer(("{\"payload\":\"e30=\",\"payloadType\":\"" + IN_TOTO + "\",\"signatures\":[]}").getBytes());
    FoundAttestation a = only(verify());
    failedAt(a, "envelope");
    assertTrue(a.reason().orElseThrow().contains("signatures is empty"), a::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "{\"payload\":\"e30=\",\"payload\":\"e30=\",\"payloadType\":\"x\","
      + "\"signatures\":[{\"sig\":\"AA==\"}]}"})
  void layerThatIsNotAnEnvelope(String blob) {
    attLayer(blob.getBytes(StandardCharsets.UTF_8));
    failedAt(only(verify()), "envelope");
  }

  @Test
  void signedPayloadOfAnotherTypeIsNotRead() {
    attLayer(TestAttestations.raw(TestSigners.p256("dev"), "application/vnd.dev.cosign.simplesigning.v1+json",
        "{}").toJson().getBytes(StandardCharsets.UTF_8));
    FoundAttestation a = only(verify());
    failedAt(a, "payload-type");
    assertTrue(a.report().check("signature").isEmpty(), "no signature checked before the type: " + a.report());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"t\",\"predicate\":{}}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"t\",\"predicate\":{}}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":"
          + "[{\"digest\":{\"sha256\":\"%s\"}}],\"predicateType\":\"t\",\"predicate\":{}}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"abc\"}}],"
          + "\"predicateType\":\"t\",\"predicate\":{}}",
      "not a statement"})
  void signedButMalformedStatements(String statement) {
    attLayer(TestAttestations.raw(TestSigners.p256("dev"), IN_TOTO, String.format(statement, image.digest().hex()))
        .toJson().getBytes(StandardCharsets.UTF_8));
    FoundAttestation a = only(verify());
    failedAt(a, "statement");
    assertEquals(VerificationCheck.Status.PASSED, a.report().check("signature").orElseThrow().status());
  }

  @Test
  void oversizedLayerIsNotFetched() {
    byte[] big = new byte[4096];
    Arrays.fill(big, (byte) ' ');
    attLayer(big);
    repo.clearLog();
    ImageAttestationResult r = ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier("dev"))
        .maxEnvelopeBytes(1024).formats(SignatureFormat.LEGACY).build().verify(repo, "v1");
    FoundAttestation a = only(r);
    failedAt(a, "envelope");
    assertEquals("4096 bytes", a.report().check("envelope").orElseThrow().actual().orElseThrow());
    assertTrue(repo.log().stream().noneMatch(l -> l.startsWith("blob")), repo.log()::toString);
  }

  @Test
  void attTagThatIsAnIndexAndBundleWithMessageSignature() {
    repo.putRaw(MediaTypes.OCI_INDEX, ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[]}").getBytes(StandardCharsets.UTF_8), Triangulation.attestationTag(image.digest()));
    ImageSigner.builder(TestSigners.p256("dev")).format(SignatureFormat.BUNDLE).confirmDelay(Duration.ZERO).build()
        .sign(repo, "r/app", image); // a signature bundle: ignored here
    ImageAttestationResult r = verify();
    assertFalse(r.passed(), r::toString);
    assertEquals(2, r.attestations().size(), r::toString);
    failedAt(r.attestations().get(0), "attestation-manifest");
    assertEquals(FoundAttestation.Status.IGNORED, r.attestations().get(1).status());
  }

  @Test
  void annotationLiesAboutTheTypeButTheStatementCounts() {
    DsseEnvelope env = TestAttestations.envelope(TestSigners.p256("dev"), image.digest(), TestAttestations.CYCLONEDX,
        "{}");
    attLayer(env.toJson().getBytes(StandardCharsets.UTF_8)); // annotated SLSA1
    ImageAttestationResult asSlsa = ImageAttestationVerifier.builder().trust(TestSigners.p256Verifier("dev"))
        .type(TestAttestations.SLSA1).build().verify(repo, "v1");
    assertFalse(asSlsa.passed(), asSlsa::toString);
    assertEquals(FoundAttestation.Status.OTHER_TYPE, asSlsa.attestations().get(0).status());
    assertTrue(asSlsa.attestations().get(0).report().check("predicate-type-annotation").isPresent());
  }
}
