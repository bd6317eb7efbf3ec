package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.oci.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Interop with skopeo and umoci through the real docker-registry. */
class SkopeoInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static Registry registry;

  @BeforeAll
  static void client() {
    registry = Registry.builder().credentials(CredentialsProvider.anonymous()).build();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @Test
  void imagePushedBySkopeoResolvesAndVerifies(@TempDir Path dir) throws Exception {
    Path layout = dir.resolve("layout");
    run("umoci", "init", "--layout", layout.toString());
    run("umoci", "new", "--image", layout + ":v1");
    run("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1",
        "docker://" + SERVER.reference("skopeo/pushed:v1"));

    RegistryRepository repo = registry.repository(SERVER.reference("skopeo/pushed"));
    Descriptor resolved = repo.resolve("v1").orElseThrow();
    Manifest m = repo.manifest(resolved.digest().toString()).orElseThrow();
    assertEquals(resolved, m.descriptor());
    assertEquals(m, repo.manifest("v1").orElseThrow());
    String raw = run("skopeo", "inspect", "--raw", "--tls-verify=false",
        "docker://" + SERVER.reference("skopeo/pushed:v1"));
    assertArrayEquals(raw.getBytes(StandardCharsets.UTF_8), m.bytes());
    JsonNode manifest = JSON.readTree(m.bytes());
    List<JsonNode> blobs = new ArrayList<>();
    blobs.add(manifest.get("config"));
    manifest.path("layers").forEach(blobs::add);
    for (JsonNode b : blobs) {
      Descriptor d = Descriptor.of(b.get("mediaType").asText(), Digest.parse(b.get("digest").asText()),
          b.get("size").asLong());
      assertTrue(repo.hasBlob(d.digest()));
      try (InputStream in = repo.openBlob(d)) {
        assertEquals(d.size(), in.readAllBytes().length);
      }
    }
    JsonNode config = JSON.readTree(readBlob(repo, manifest.get("config")));
    assertTrue(config.has("rootfs"), config.toString());
  }

  @Test
  void imagePushedHereIsReadBySkopeo(@TempDir Path dir) throws Exception {
    RegistryRepository repo = registry.repository(SERVER.reference("countersign/pushed"));
    byte[] layerBytes = TestImages.emptyTar();
    Descriptor layer = repo.pushBlob(MediaTypes.OCI_LAYER_GZIP, TestImages.gzip(layerBytes));
    Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, TestImages.config(layerBytes));
    Manifest m = TestImages.manifest(config, List.of(layer), null, null, java.util.Map.of("test", "interop"));
    repo.putManifest(m, "v1");

    String ref = "docker://" + SERVER.reference("countersign/pushed:v1");
    JsonNode inspect = JSON.readTree(run("skopeo", "inspect", "--tls-verify=false", ref));
    assertEquals(m.digest().toString(), inspect.get("Digest").asText());
    assertEquals(layer.digest().toString(), inspect.get("Layers").get(0).asText());
    assertEquals("amd64", inspect.get("Architecture").asText());

    Path out = dir.resolve("copied");
    run("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", ref, "oci:" + out + ":v1");
    JsonNode index = JSON.readTree(out.resolve("index.json").toFile());
    assertEquals(m.digest().toString(), index.get("manifests").get(0).get("digest").asText());
    for (Descriptor d : List.of(m.descriptor(), config, layer)) {
      Path blob = out.resolve("blobs/sha256/" + d.digest().hex());
      assertEquals(d.digest(), Digest.compute(DigestAlgorithm.SHA256, blob));
    }
    assertArrayEquals(m.bytes(), Files.readAllBytes(out.resolve("blobs/sha256/" + m.digest().hex())));
  }

  private static byte[] readBlob(RegistryRepository repo, JsonNode d) throws IOException {
    try (InputStream in = repo.openBlob(Descriptor.of(d.get("mediaType").asText(),
        Digest.parse(d.get("digest").asText()), d.get("size").asLong()))) {
      return in.readAllBytes();
    }
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text);
    }
    return text;
  }
}
