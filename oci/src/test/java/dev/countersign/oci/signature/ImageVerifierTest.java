package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyResolver;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.InMemoryRepository.ReferrersMode;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.TestSigners;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageVerifierTest {
  static ImageSigner.Builder signer(SignatureAlgorithm alg, String label) {
    return ImageSigner.builder(TestSigners.signer(alg, label)).confirmDelay(Duration.ZERO);
  }

  static ImageVerifier.Builder verifier(SignatureAlgorithm alg, String label) {
    return ImageVerifier.builder().trust(TestSigners.verifier(alg, label));
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384",
      "ECDSA_P521_SHA512", "ED25519", "RSA_PKCS1V15_SHA256", "RSA_PSS_SHA256"})
  void bothSchemesRoundTrip(SignatureAlgorithm alg) {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(alg, "rt").build().sign(repo, "r/app", image);
    ImageVerificationResult r = verifier(alg, "rt").build().verify(repo, "v1");
    assertTrue(r.passed(), r::toString);
    assertEquals(image.digest(), r.digest().get());
    assertEquals(List.of(SignatureFormat.LEGACY, SignatureFormat.BUNDLE),
        r.verified().stream().map(FoundSignature::format).toList());
    r.verified().forEach(s -> assertEquals(TestSigners.signer(alg, "rt").keyId(), s.keyId().get()));
    assertEquals(2, r.verifiedPayloads().size());
    assertEquals(image.digest(), r.verified().get(0).simpleSigningPayload().get().manifestDigest());
    assertTrue(new String(r.verifiedPayloads().get(1), StandardCharsets.UTF_8).contains(image.digest().hex()));
  }

  @Test
  void ecdsaP384SignaturesHashedWithSha256AsCosignMakesThemVerify() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    var kp = TestSigners.keyPair(SignatureAlgorithm.ECDSA_P384_SHA384, "mixed");
    ImageSigner.builder(dev.countersign.core.Signers.of(kp, SignatureAlgorithm.ECDSA_P384_SHA256))
        .confirmDelay(Duration.ZERO).format(SignatureFormat.LEGACY).build().sign(repo, "r/app", image);
    // The verifier is configured with the key's default (SHA-384) algorithm.
    assertTrue(ImageVerifier.builder().trust(dev.countersign.core.Verifiers.of(kp.getPublic())).build()
        .verify(repo, "v1").passed());
  }

  @ParameterizedTest
  @EnumSource(ReferrersMode.class)
  void formatsFilterWhatIsConsidered(ReferrersMode mode) {
    InMemoryRepository repo = new InMemoryRepository("r/app").referrersMode(mode);
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "f").format(SignatureFormat.BUNDLE).build()
        .sign(repo, "r/app", image);
    ImageVerifier.Builder v = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "f");
    assertTrue(v.formats(SignatureFormat.BUNDLE).build().verify(repo, "v1").passed());
    ImageVerificationResult legacyOnly = v.formats(SignatureFormat.LEGACY).build().verify(repo, "v1");
    assertFalse(legacyOnly.passed());
    assertTrue(legacyOnly.signatures().isEmpty());
    assertTrue(legacyOnly.notes().get(0).startsWith("no legacy signature tag"), legacyOnly.notes()::toString);
  }

  @Test
  void resolvesOnceAndFetchesNothingOfTheImage() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "min").build().sign(repo, "r/app", image);
    repo.clearLog();
    assertTrue(verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "min").build().verify(repo, "v1").passed());
    List<String> log = repo.log();
    assertEquals(1, log.stream().filter(l -> l.startsWith("resolve")).count(), log::toString);
    assertEquals(1, log.stream().filter(l -> l.endsWith(" v1")).count(), log::toString);
    assertFalse(log.contains("manifest " + image.digest()), log::toString);
    Set<String> blobs = log.stream().filter(l -> l.startsWith("blob ")).collect(Collectors.toSet());
    assertEquals(2, blobs.size(), log::toString); // one payload, one bundle
    assertEquals(List.of("resolve v1", "manifest " + Triangulation.signatureTag(image.digest())), log.subList(0, 2));
    assertTrue(log.stream().noneMatch(l -> l.startsWith("put") || l.startsWith("push")), log::toString);
  }

  @Test
  void aTagMovedDuringVerificationDoesNotChangeTheDigestChecked() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor signed = InMemoryImages.image(repo, "v1");
    Descriptor other = InMemoryImages.image(repo, null);
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "mv").build().sign(repo, "r/app", signed);
    repo.hook((op, ref) -> {
      if (op == InMemoryRepository.Op.MANIFEST_READ && ref.endsWith(".sig")) {
        repo.putRaw(other.mediaType(), repo.manifest(other.digest().toString()).get().bytes(), "v1");
      }
    });
    ImageVerificationResult r = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "mv").build().verify(repo, "v1");
    assertTrue(r.passed(), r::toString);
    assertEquals(signed.digest(), r.digest().get());
    assertEquals(other.digest(), repo.resolve("v1").get().digest());
  }

  @Test
  void noSignaturesFailsWithAClearReason() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    ImageVerificationResult r = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "none").build().verify(repo, "v1");
    assertFalse(r.passed());
    assertEquals("no signatures found for " + image.digest(), r.reason().get());
    VerificationException e = assertThrows(VerificationException.class, r::orThrow);
    assertTrue(e.getMessage().contains("no signatures found"), e.getMessage());
    assertFalse(verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "none").build().verify(repo, "nope").passed());
  }

  @Test
  void anUntrustedKeyVerifiesNothingAndEachSignatureSaysWhy() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "mallory").build().sign(repo, "r/app", image);
    ImageVerificationResult r = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "alice").build().verify(repo, "v1");
    assertFalse(r.passed());
    assertEquals(2, r.signatures().size());
    for (FoundSignature s : r.signatures()) {
      assertEquals(FoundSignature.Status.FAILED, s.status());
      VerificationCheck c = s.report().check("signature").get();
      assertEquals(VerificationCheck.Status.FAILED, c.status());
      assertEquals("no trusted key verified it", c.actual().get());
    }
    // The bundle names the key it claims; that hint is reported, never trusted.
    assertEquals(TestSigners.p256("mallory").keyId(), r.signatures().get(1).keyId().get());
    assertTrue(r.reason().get().startsWith("no valid signature for " + image.digest() + " (2 checked"),
        r.reason().get());
  }

  @Test
  void keysComeFromAResolverAndMisleadingHintsDoNotMatter() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "res").build().sign(repo, "r/app", image);
    KeyResolver resolver = KeyResolver.of(TestSigners.p256Verifier("other"), TestSigners.p256Verifier("res"));
    assertTrue(ImageVerifier.builder().keyResolver(resolver).build().verify(repo, "v1").passed());
    assertThrows(dev.countersign.core.InvalidInputException.class, () -> ImageVerifier.builder().build());
  }

  @Test
  void requiredAnnotationsAreCheckedInTheSignedPayload() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "ann").annotation("env", "prod").build()
        .sign(repo, "r/app", image);
    ImageVerifier.Builder v = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "ann");
    ImageVerificationResult ok = v.requireAnnotation("env", "prod").build().verify(repo, "v1");
    assertTrue(ok.passed(), ok::toString);
    assertEquals(List.of(SignatureFormat.LEGACY), ok.verified().stream().map(FoundSignature::format).toList());
    VerificationCheck bundleCheck = ok.signatures().get(1).report().check("annotation").get();
    assertEquals("bundle signatures carry no signed annotations", bundleCheck.detail().get());

    ImageVerificationResult wrong = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "ann")
        .requireAnnotation("env", "dev").build().verify(repo, "v1");
    assertFalse(wrong.passed());
    VerificationCheck c = wrong.signatures().get(0).report().check("annotation").get();
    assertEquals("env=dev", c.expected().get());
    assertEquals("env=prod", c.actual().get());
    ImageVerificationResult missing = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "ann")
        .requireAnnotation("team", "x").build().verify(repo, "v1");
    assertEquals("absent", missing.signatures().get(0).report().check("annotation").get().actual().get());
  }

  @Test
  void dockerReferenceIsCheckedWhenAsked() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "id").format(SignatureFormat.LEGACY).build()
        .sign(repo, "r.example/app", image);
    ImageVerifier.Builder v = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "id");
    assertTrue(v.dockerReference("r.example/app").build().verify(repo, "v1").passed());
    ImageVerificationResult r = v.dockerReference("evil.example/app").build().verify(repo, "v1");
    assertFalse(r.passed());
    assertEquals("r.example/app", r.signatures().get(0).report().check("identity").get().actual().get());
  }

  @Test
  void digestReferencesWork() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, null);
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "dg").build().sign(repo, "r/app", image);
    assertTrue(verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "dg").build()
        .verify(repo, image.digest().toString()).passed());
  }

  @Test
  void recursiveVerificationNeedsEveryPlatformSigned() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor amd = InMemoryImages.image(repo, null);
    Descriptor arm = InMemoryImages.image(repo, null);
    Descriptor index = InMemoryImages.index(repo, "multi", List.of(amd, arm));
    ImageVerifier rec = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "rv").recursive(true).build();
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "rv").build().sign(repo, "r/app", index);
    ImageVerificationResult partial = rec.verify(repo, "multi");
    assertFalse(partial.passed());
    assertEquals(List.of(index.digest(), amd.digest(), arm.digest()), partial.subjects());
    assertTrue(partial.reason().get().contains("no signatures found for " + amd.digest()), partial.reason().get());
    assertTrue(verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "rv").build().verify(repo, "multi").passed());
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "rv").recursive(true).build().sign(repo, "r/app", index);
    ImageVerificationResult full = rec.verify(repo, "multi");
    assertTrue(full.passed(), full::toString);
    // The index carries both rounds of signatures (ECDSA signatures differ each time), each child one round.
    assertEquals(8, full.verified().size());
  }

  @Test
  void fallbackIndexArtifactTypesAreNotTrusted() {
    InMemoryRepository repo = new InMemoryRepository("r/app").referrersMode(ReferrersMode.FALLBACK_UNMAINTAINED);
    Descriptor image = InMemoryImages.image(repo, "v1");
    List<AttachedSignature> out = signer(SignatureAlgorithm.ECDSA_P256_SHA256, "old").format(SignatureFormat.BUNDLE)
        .build().sign(repo, "r/app", image);
    Descriptor ref = out.get(0).manifest();
    // What older cosign wrote: a wrong artifactType in the fallback index.
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{"
        + "\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + ref.digest() + "\",\"size\":"
        + ref.size() + ",\"artifactType\":\"application/vnd.oci.empty.v1+json\"}]}";
    repo.putManifest(Manifest.of(MediaTypes.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8)),
        Triangulation.referrersTag(image.digest()));
    ImageVerificationResult r = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "old").build().verify(repo, "v1");
    assertTrue(r.passed(), r::toString);
    assertEquals(SignatureFormat.BUNDLE, r.verified().get(0).format());
  }

  @Test
  void otherReferrersAreListedAsIgnored() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    Descriptor empty = repo.pushBlob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.US_ASCII));
    Descriptor sbom = repo.pushBlob("application/spdx+json", "{}".getBytes(StandardCharsets.US_ASCII));
    String m = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":"
        + "\"application/spdx+json\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\""
        + empty.digest() + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/spdx+json\",\"digest\":\""
        + sbom.digest() + "\",\"size\":2}],\"subject\":{\"mediaType\":\"" + image.mediaType() + "\",\"digest\":\""
        + image.digest() + "\",\"size\":" + image.size() + "}}";
    repo.putManifest(Manifest.of(MediaTypes.OCI_MANIFEST, m.getBytes(StandardCharsets.UTF_8)), null);
    signer(SignatureAlgorithm.ECDSA_P256_SHA256, "sbom").format(SignatureFormat.BUNDLE).build()
        .sign(repo, "r/app", image);
    ImageVerificationResult r = verifier(SignatureAlgorithm.ECDSA_P256_SHA256, "sbom").build().verify(repo, "v1");
    assertTrue(r.passed(), r::toString);
    assertEquals(1, r.signatures().stream().filter(s -> s.status() == FoundSignature.Status.IGNORED).count());
  }
}
