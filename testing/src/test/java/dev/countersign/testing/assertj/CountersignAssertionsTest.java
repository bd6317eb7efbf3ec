package dev.countersign.testing.assertj;

import static dev.countersign.testing.assertj.CountersignAssertions.assertThat;
import static dev.countersign.testing.assertj.CountersignAssertions.blob;
import static dev.countersign.testing.assertj.CountersignAssertions.chart;
import static dev.countersign.testing.assertj.CountersignAssertions.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.ImageAttester;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.pgp.helm.ChartPackager;
import dev.countersign.pgp.helm.ChartSigner;
import dev.countersign.testing.Algorithm;
import dev.countersign.testing.Countersign;
import dev.countersign.testing.KeyKind;
import dev.countersign.testing.TestKey;
import dev.countersign.testing.TestKeys;
import dev.countersign.testing.TestPgpKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Countersign
class CountersignAssertionsTest {
  private static final String SLSA = "https://slsa.dev/provenance/v1";

  @Test
  void blobSignedWithBundleOrBase64Passes(TestKey key, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("app.txt"), "release");
    BlobSignature sig = BlobSigner.of(key.signer()).sign(file);
    Path bundle = Files.writeString(dir.resolve("app.sigstore.json"), sig.bundleJson());
    Path b64 = Files.writeString(dir.resolve("app.sig"), sig.base64() + "\n");
    assertThat(blob(file)).isSignedBy(key.verifier(), bundle).isSignedBy(key.publicKey(), b64)
        .isSignedBy(key.verifier(), sig.base64());
  }

  @Test
  void blobFailureMessageIsTheReport(TestKey key, @Algorithm(KeyKind.ED25519) TestKey other, @TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("app.txt"), "release");
    Path bundle = Files.writeString(dir.resolve("b.json"), BlobSigner.of(key.signer()).sign(file).bundleJson());
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(blob(file)).isSignedBy(other.verifier(), bundle));
    String m = e.getMessage();
    assertTrue(m.contains("to be signed by key " + other.keyId()), m);
    assertTrue(m.contains("FAILED (expected"), m);
    assertTrue(m.contains("verification of"), m);
    Files.writeString(file, "tampered");
    e = assertThrows(AssertionError.class, () -> assertThat(blob(file)).isSignedBy(key.verifier(), bundle));
    assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
    assertThat(blob(file)).isNotSignedBy(key.verifier(), bundle);
    Path garbage = Files.writeString(dir.resolve("g.sig"), "%%% not base64");
    e = assertThrows(AssertionError.class, () -> assertThat(blob(file)).isSignedBy(key.verifier(), garbage));
    assertTrue(e.getMessage().contains("signature-file: FAILED"), e.getMessage());
  }

  private static Descriptor pushImage(OciLayout layout) {
    ImageBuilder.create().addContent("hi".getBytes(StandardCharsets.UTF_8), "hi.txt", 0644).build(layout, "v1");
    return layout.resolve("v1").orElseThrow();
  }

  @Test
  void imageWithSignatureAndAttestation(OciLayout layout, TestKey key) {
    Descriptor img = pushImage(layout);
    ImageSigner.builder(key.signer()).confirmDelay(Duration.ZERO).build().sign(layout, "example.com/app", img);
    ImageAttester.builder().confirmDelay(Duration.ZERO).build().attest(layout, img, "example.com/app",
        key.signer(), SLSA, JsonNodeFactory.instance.objectNode().put("builder", "ci"));
    assertThat(image(layout, "v1")).hasSignatureFrom(key.publicKey()).hasAttestation(SLSA)
        .hasPredicateType(SLSA).hasSubject(img.digest()).hasPredicateField("builder", "ci")
        .satisfies(s -> assertEquals(1, s.subjects().size()));
  }

  @Test
  void unsignedImageFailsWithTheReport(OciLayout layout, TestKey key) {
    pushImage(layout);
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(image(layout, "v1")).hasSignatureFrom(key.verifier()));
    String m = e.getMessage();
    assertTrue(m.contains("to have a signature from key " + key.keyId()), m);
    assertTrue(m.contains("signature-from: FAILED (expected a verified signature by " + key.keyId()
        + ", actual no signature"), m);
  }

  @Test
  void imageSignedByAnotherKeyNamesBothKeys(OciLayout layout, TestKey key) {
    Descriptor img = pushImage(layout);
    TestKey other = TestKeys.ed25519();
    ImageSigner.builder(other.signer()).confirmDelay(Duration.ZERO).build().sign(layout, "example.com/app", img);
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(image(layout, "v1")).hasSignatureFrom(key.verifier()));
    assertTrue(e.getMessage().contains("actual signatures by " + other.keyId()), e.getMessage());
  }

  @Test
  void missingAttestationFailsWithTheReport(OciLayout layout, TestKey key) {
    Descriptor img = pushImage(layout);
    ImageSigner.builder(key.signer()).confirmDelay(Duration.ZERO).build().sign(layout, "example.com/app", img);
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(image(layout, "v1")).hasSignatureFrom(key.verifier()).hasAttestation(SLSA));
    assertTrue(e.getMessage().contains("to have a " + SLSA + " attestation"), e.getMessage());
    assertTrue(e.getMessage().contains("attestations: FAILED"), e.getMessage());
    AssertionError noKey = assertThrows(AssertionError.class,
        () -> assertThat(image(layout, "v1")).hasAttestation(SLSA));
    assertTrue(noKey.getMessage().contains("call hasSignatureFrom(key) first"), noKey.getMessage());
  }

  @Test
  void chartProvenance(TestPgpKey pgp, @TempDir Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("web"));
    Files.writeString(src.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    Files.writeString(src.resolve("values.yaml"), "replicas: 1\n");
    Path tgz = ChartPackager.builder(src).destination(dir).build().write();
    ChartSigner.sign(tgz, pgp.unlocked());
    assertThat(chart(tgz)).hasValidProvenance(pgp).hasValidProvenance(pgp.publicKeyring());

    Files.write(tgz, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    AssertionError e = assertThrows(AssertionError.class, () -> assertThat(chart(tgz)).hasValidProvenance(pgp));
    assertTrue(e.getMessage().contains("to have valid provenance") && e.getMessage().contains("FAILED"),
        e.getMessage());
  }
}
