package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.oci.testing.DirVectors;
import dev.countersign.oci.testing.InMemoryRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** containers/image's cosign fixtures (real cosign signatures), with the results its README states. */
class CosignVectorsTest {
  private static final Path DIR = Path.of("src/test/resources/vectors/cosign-containers-image");

  private static Verifier key(String file) throws IOException {
    return Verifiers.of(PemKeys.readPublicKey(Files.readAllBytes(DIR.resolve(file)), file));
  }

  private static ImageVerificationResult verify(String folder, String keyFile) throws IOException {
    InMemoryRepository repo = DirVectors.load(DIR.resolve(folder));
    return ImageVerifier.builder().trust(key(keyFile)).build().verify(repo, "latest");
  }

  @Test
  void valid() throws IOException {
    ImageVerificationResult r = verify("dir-img-cosign-valid", "cosign.pub");
    assertTrue(r.passed(), r::toString);
    assertEquals(1, r.verified().size());
    FoundSignature s = r.verified().get(0);
    assertEquals(SignatureFormat.LEGACY, s.format());
    assertEquals(Digest.parse("sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00"),
        r.digest().get());
    assertEquals("192.168.64.2:5000/cosign-signed-single-sample",
        s.simpleSigningPayload().get().dockerReference());
    assertEquals(key("cosign.pub").keyId(), s.keyId().get());
  }

  @Test
  void cosignWritesPayloadsByteForByteAsWeDo() throws IOException {
    InMemoryRepository repo = DirVectors.load(DIR.resolve("dir-img-cosign-valid"));
    SimpleSigningPayload ours = SimpleSigningPayload.of("192.168.64.2:5000/cosign-signed-single-sample",
        repo.resolve("latest").get().digest(), null);
    String file = Files.readString(DIR.resolve("dir-img-cosign-valid/signature-1"));
    String b64 = file.replaceAll("(?s).*\"payload\":\"([^\"]+)\".*", "$1");
    assertEquals(new String(Base64.getDecoder().decode(b64)), ours.json());
  }

  @Test
  void validTwoBothVerify() throws IOException {
    ImageVerificationResult r = verify("dir-img-cosign-valid-2", "cosign.pub");
    assertTrue(r.passed(), r::toString);
    assertEquals(2, r.verified().size());
    assertEquals(2, r.signatures().size());
  }

  @Test
  void validTwoNeitherVerifiesWithTheOtherKey() throws IOException {
    ImageVerificationResult r = verify("dir-img-cosign-valid-2", "cosign2.pub");
    assertFalse(r.passed());
    assertEquals(2, r.signatures().size());
    for (FoundSignature s : r.signatures()) {
      assertEquals(FoundSignature.Status.FAILED, s.status());
      assertTrue(s.reason().get().startsWith("signature: FAILED"), s::toString);
    }
    assertTrue(r.reason().get().contains("no valid signature"), r.reason().get());
  }

  @Test
  void manifestDigestErrorIsRejected() throws IOException {
    ImageVerificationResult r = verify("dir-img-cosign-manifest-digest-error", "cosign.pub");
    assertDigestMismatch(r);
  }

  @Test
  void modifiedManifestIsRejected() throws IOException {
    ImageVerificationResult r = verify("dir-img-cosign-modified-manifest", "cosign.pub");
    assertDigestMismatch(r);
  }

  private static void assertDigestMismatch(ImageVerificationResult r) {
    assertFalse(r.passed(), r::toString);
    FoundSignature s = r.signatures().get(0);
    assertEquals(FoundSignature.Status.FAILED, s.status());
    // The signature itself is genuine: only the claim is wrong.
    assertTrue(s.report().check("signature").get().status() == dev.countersign.core.VerificationCheck.Status.PASSED);
    var check = s.report().check("manifest-digest").get();
    assertEquals(r.digest().get().toString(), check.expected().get());
    assertEquals("sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00", check.actual().get());
  }

  @Test
  void otherAttachmentIsIgnored() throws IOException {
    ImageVerificationResult r = verify("dir-img-cosign-other-attachment", "cosign.pub");
    assertFalse(r.passed());
    assertEquals(1, r.signatures().size());
    assertEquals(FoundSignature.Status.IGNORED, r.signatures().get(0).status());
    assertTrue(r.signatures().get(0).reason().get().contains("text/plain"), r::toString);
    assertTrue(r.reason().get().startsWith("no signatures found"), r.reason().get());
  }

  @Test
  void noManifestIsRejected() throws IOException {
    InMemoryRepository repo = DirVectors.load(DIR.resolve("dir-img-cosign-no-manifest"));
    ImageVerifier v = ImageVerifier.builder().trust(key("cosign.pub")).build();
    ImageVerificationResult byTag = v.verify(repo, "latest");
    assertFalse(byTag.passed());
    assertTrue(byTag.digest().isEmpty());
    assertTrue(byTag.reason().get().contains("does not exist"), byTag.reason().get());
    // Even by the digest the signature names (its .sig tag is present), there is no manifest to check.
    ImageVerificationResult byDigest = v.verify(repo,
        "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00");
    assertFalse(byDigest.passed());
    assertTrue(byDigest.signatures().isEmpty());
  }
}
