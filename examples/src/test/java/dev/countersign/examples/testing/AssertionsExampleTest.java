package dev.countersign.examples.testing;

import static dev.countersign.testing.assertj.CountersignAssertions.assertThat;
import static dev.countersign.testing.assertj.CountersignAssertions.blob;
import static dev.countersign.testing.assertj.CountersignAssertions.chart;
import static dev.countersign.testing.assertj.CountersignAssertions.image;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import dev.countersign.testing.TestPgpKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// docs/testing.md, "Assertions"
@Countersign
class AssertionsExampleTest {
  @Test
  void blobIsSignedBy(TestKey key, @Algorithm(KeyKind.ED25519) TestKey stranger, @TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("app.tar.gz"), "release");
    Path bundle = Files.writeString(dir.resolve("app.sigstore.json"),
        BlobSigner.of(key.signer()).sign(file).bundleJson());

    assertThat(blob(file)).isSignedBy(key.verifier(), bundle);
    assertThatThrownBy(() -> assertThat(blob(file)).isSignedBy(stranger.verifier(), bundle))
        .hasMessageContaining("FAILED (expected");   // the message is the verification report
  }

  @Test
  void imageHasSignatureAndAttestation(OciLayout layout, TestKey key) {
    ImageBuilder.create().addContent("hi".getBytes(StandardCharsets.UTF_8), "hi.txt", 0644).build(layout, "v1");
    Descriptor img = layout.resolve("v1").orElseThrow();
    ImageSigner.builder(key.signer()).build().sign(layout, "registry.example/app", img);
    ImageAttester.builder().build().attest(layout, img, "registry.example/app", key.signer(),
        "https://slsa.dev/provenance/v1", JsonNodeFactory.instance.objectNode().put("builder", "ci"));

    assertThat(image(layout, "v1"))
        .hasSignatureFrom(key.publicKey())
        .hasAttestation("https://slsa.dev/provenance/v1")
        .satisfies(s -> org.assertj.core.api.Assertions.assertThat(s.predicate().get("builder").asText())
            .isEqualTo("ci"));
  }

  @Test
  void chartHasValidProvenance(TestPgpKey pgp, @TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("web"));
    Files.writeString(src.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    Path tgz = ChartPackager.builder(src).destination(dir).build().write();
    ChartSigner.sign(tgz, pgp.unlocked());   // writes web-1.0.0.tgz.prov

    assertThat(chart(tgz)).hasValidProvenance(pgp.publicKeyring());
  }
}
