package dev.countersign.oci;

import static dev.countersign.oci.testing.LayoutFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageManifestTest {
  static final Digest A = Digest.compute(DigestAlgorithm.SHA256, bytes("a"));
  static final Digest B = Digest.compute(DigestAlgorithm.SHA256, bytes("b"));

  @Test
  void builderWritesCanonicalCompactJsonInTheDocumentedOrder() {
    ImageManifest m = ImageManifest.builder().annotation("z", "1").annotation("a", "2")
        .subject(Descriptor.of(MediaTypes.OCI_MANIFEST, B, 7)).addLayer(Descriptor.of(MediaTypes.OCI_LAYER, B, 2))
        .config(Descriptor.of(MediaTypes.OCI_EMPTY, A, 2)).artifactType("application/x").build();
    String expected = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/x\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
        + "\"digest\":\"" + A + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + B + "\",\"size\":2}],\"subject\":{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + B + "\",\"size\":7},"
        + "\"annotations\":{\"a\":\"2\",\"z\":\"1\"}}";
    assertEquals(expected, new String(m.manifest().bytes(), StandardCharsets.UTF_8));
    ImageManifest back = ImageManifest.parse(m.manifest());
    assertEquals(m.config(), back.config());
    assertEquals(m.layers(), back.layers());
    assertEquals(m.subject(), back.subject());
    assertEquals(Map.of("a", "2", "z", "1"), back.annotations());
    assertEquals("application/x", back.effectiveArtifactType());
  }

  @Test
  void parsesDockerSchema2() {
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"size\":5,\"digest\":\"" + A + "\"},\"layers\":[]}";
    ImageManifest m = ImageManifest.parse(Manifest.of(MediaTypes.DOCKER_MANIFEST, bytes(json)));
    assertEquals(MediaTypes.DOCKER_CONFIG, m.effectiveArtifactType());
    assertTrue(m.layers().isEmpty());
  }

  @Test
  void handlesTenThousandLayers() {
    ImageManifest.Builder b = ImageManifest.builder().config(Descriptor.of(MediaTypes.OCI_CONFIG, A, 1));
    for (int i = 0; i < 10_000; i++) {
      b.addLayer(Descriptor.of(MediaTypes.OCI_LAYER, B, i));
    }
    ImageManifest m = ImageManifest.parse(b.build().manifest());
    assertEquals(10_000, m.layers().size());
    assertEquals(9_999, m.layers().get(9_999).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"schemaVersion\":1,\"config\":CONFIG,\"layers\":[]}",
      "{\"schemaVersion\":\"2\",\"config\":CONFIG,\"layers\":[]}",
      "{\"config\":CONFIG,\"layers\":[]}",
      "{\"schemaVersion\":2,\"schemaVersion\":2,\"config\":CONFIG,\"layers\":[]}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"config\":CONFIG,\"layers\":[]}",
      "{\"schemaVersion\":2,\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":CONFIG}",
      "{\"schemaVersion\":2,\"config\":CONFIG,\"layers\":{}}",
      "{\"schemaVersion\":2,\"config\":CONFIG,\"layers\":[1]}",
      "{\"schemaVersion\":2,\"config\":CONFIG,\"layers\":[],\"annotations\":{\"a\":1}}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x/y\",\"digest\":\"sha256:00\",\"size\":1},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x/y\",\"digest\":\"DIGEST\",\"size\":-1},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x/y\",\"digest\":\"DIGEST\",\"size\":1.5},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"\",\"digest\":\"DIGEST\",\"size\":1},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":CONFIG,\"layers\":[],\"subject\":\"x\"}",
      "{\"schemaVersion\":2,\"config\":CONFIG,\"layers\":[]} trailing",
      "[]",
      "",
  })
  void refusesMalformedManifests(String template) {
    String json = template.replace("CONFIG", "{\"mediaType\":\"x/y\",\"digest\":\"" + A + "\",\"size\":1}")
        .replace("DIGEST", A.toString());
    assertThrows(InvalidInputException.class,
        () -> ImageManifest.parse(Manifest.of(MediaTypes.OCI_MANIFEST, bytes(json))));
  }

  @Test
  void refusesTheWrongParser() {
    Manifest index = ImageIndex.builder().build().manifest();
    assertThrows(InvalidInputException.class, () -> ImageManifest.parse(index));
    Manifest image = ImageManifest.builder().config(Descriptor.of(MediaTypes.OCI_CONFIG, A, 1)).build().manifest();
    assertThrows(InvalidInputException.class, () -> ImageIndex.parse(image));
  }

  @Test
  void indexRoundTripsPlatforms() {
    Platform arm = Platform.builder().os("linux").architecture("arm64").variant("v8").osVersion("1")
        .osFeatures(java.util.List.of("f")).build();
    ImageIndex index = ImageIndex.builder().add(Descriptor.of(MediaTypes.OCI_MANIFEST, A, 3), arm)
        .add(Descriptor.of(MediaTypes.OCI_MANIFEST, B, 4), Platform.of("linux", "amd64")).build();
    String json = new String(index.manifest().bytes(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"os.version\":\"1\","
        + "\"os.features\":[\"f\"],\"variant\":\"v8\"}"), json);
    ImageIndex back = ImageIndex.parse(index.manifest());
    assertEquals(index.manifests(), back.manifests());
    assertEquals("linux/arm64/v8", back.manifests().get(0).platform().orElseThrow().toString());
  }
}
