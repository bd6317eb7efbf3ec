package dev.countersign.pgp.helm.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.ChartMetadata;
import dev.countersign.pgp.helm.OciCharts;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import dev.countersign.pgp.helm.PulledChart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Helm chart artifacts in a real registry (Debian's docker-registry), read back by skopeo and by us. */
class OciChartsRegistryTest {
  @RegisterExtension static final RegistryServer REGISTRY = RegistryServer.anonymous();
  static final Instant CREATED = Instant.parse("2024-03-04T05:06:07.890Z");
  @TempDir Path dir;

  static ObjectNode metadata() {
    return ChartMetadata.parse(RepoFixtures.vector("hashtest/Chart.yaml")).toJson();
  }

  private Path chart() {
    return RepoFixtures.copy(RepoFixtures.CHART, dir, "in/" + RepoFixtures.CHART);
  }

  private Path prov() {
    return RepoFixtures.copy(RepoFixtures.CHART + ".prov", dir, "in/" + RepoFixtures.CHART + ".prov");
  }

  @Test
  void pushesAsHelmDoesAndSkopeoReadsItBack() throws Exception {
    try (Registry registry = Registry.create()) {
      RegistryRepository repo = registry.repository(REGISTRY.reference("charts/hashtest"));
      Descriptor pushed = OciCharts.push(repo, chart(), metadata(), Optional.of(prov()), CREATED);
      String raw = run("skopeo", "inspect", "--raw", "--tls-verify=false",
          "docker://" + REGISTRY.reference("charts/hashtest:1.2.3"));
      assertEquals(pushed.digest().toString(), "sha256:" + RepoFixtures.sha256(raw.getBytes(StandardCharsets.UTF_8)));
      JsonNode m = new ObjectMapper().readTree(raw);
      assertFalse(m.has("mediaType"), "Helm's manifest has no mediaType member");
      assertEquals("application/vnd.cncf.helm.config.v1+json", m.at("/config/mediaType").textValue());
      List<String> types = new ArrayList<>();
      m.get("layers").forEach(l -> types.add(l.get("mediaType").textValue()));
      assertTrue(types.containsAll(List.of("application/vnd.cncf.helm.chart.content.v1.tar+gzip",
          "application/vnd.cncf.helm.chart.provenance.v1.prov")), types.toString());
      assertTrue(m.at("/layers/0/digest").textValue().compareTo(m.at("/layers/1/digest").textValue()) < 0,
          "layers sorted by digest as Helm sorts them");
      assertEquals("hashtest", m.at("/annotations/org.opencontainers.image.title").textValue());
      assertEquals("1.2.3", m.at("/annotations/org.opencontainers.image.version").textValue());
      assertEquals("Test chart versioning", m.at("/annotations/org.opencontainers.image.description").textValue());
      assertEquals("2024-03-04T05:06:07Z", m.at("/annotations/org.opencontainers.image.created").textValue());
      assertEquals(raw, "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\""
          + ",\"digest\":\"" + m.at("/config/digest").textValue() + "\",\"size\":" + m.at("/config/size").asLong()
          + "},\"layers\":" + m.get("layers").toString() + ",\"annotations\":" + m.get("annotations").toString() + "}",
          "compact JSON in Go's member order");

      Path layout = dir.resolve("copy");
      run("skopeo", "copy", "--src-tls-verify=false", "docker://" + REGISTRY.reference("charts/hashtest:1.2.3"),
          "oci:" + layout + ":1.2.3");
      String chartDigest = "sha256:" + RepoFixtures.sha256(RepoFixtures.vector(RepoFixtures.CHART));
      assertArrayEquals(RepoFixtures.vector(RepoFixtures.CHART),
          Files.readAllBytes(layout.resolve("blobs/sha256/" + chartDigest.substring(7))));
      JsonNode config = new ObjectMapper().readTree(layout.resolve("blobs/sha256/"
          + m.at("/config/digest").textValue().substring(7)).toFile());
      assertEquals("{\"name\":\"hashtest\",\"version\":\"1.2.3\",\"description\":\"Test chart versioning\","
          + "\"apiVersion\":\"v1\"}", config.toString(), "json.Marshal(chart.Metadata) member order");

      PulledChart fromLayout = OciCharts.pull(OciLayout.open(layout), "1.2.3", dir.resolve("from-layout"));
      assertArrayEquals(RepoFixtures.vector(RepoFixtures.CHART), Files.readAllBytes(fromLayout.archive()));
    }
  }

  @Test
  void pullsVerifiesAndTheProvenanceChecksOutWithHelmsKey() {
    try (Registry registry = Registry.create()) {
      OciCharts.push(registry.repository(REGISTRY.reference("team/hashtest")), chart(), Optional.of(prov()),
          CREATED);
      PulledChart pulled = OciCharts.pull(registry, "oci://" + REGISTRY.reference("team/hashtest:1.2.3"),
          dir.resolve("out"));
      assertEquals(dir.resolve("out/hashtest-1.2.3.tgz"), pulled.archive());
      assertEquals("hashtest", pulled.name());
      VerificationReport report = ProvenanceVerifier.withKeyring(PgpKeyring.read(RepoFixtures.vector(
          "helm-test-key.pub"))).verify(pulled.archive(), pulled.provenance().orElseThrow());
      assertTrue(report.passed(), report.toString());
    }
  }

  @Test
  void roundTripsThroughAnOciLayoutAndHandlesBuildMetadataTags() throws Exception {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    ObjectNode md = metadata().put("version", "1.2.3+build.7");
    OciCharts.push(layout, chart(), md, Optional.empty(), CREATED);
    assertEquals(List.of("1.2.3_build.7"), layout.tags());
    PulledChart pulled = OciCharts.pull(layout, OciCharts.tagFor("1.2.3+build.7"), dir.resolve("out"));
    assertEquals("hashtest-1.2.3+build.7.tgz", pulled.archive().getFileName().toString());
    assertTrue(pulled.provenance().isEmpty());
    assertEquals(RepoFixtures.sha256(RepoFixtures.vector(RepoFixtures.CHART)), RepoFixtures.sha256(pulled.archive()));
  }

  @Test
  void refusesAWrongRepositoryNameAndNonChartManifests() {
    try (Registry registry = Registry.create()) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> OciCharts.push(
          registry.repository(REGISTRY.reference("charts/other")), chart(), metadata(), Optional.empty(), CREATED));
      assertTrue(e.getMessage().contains("must end in the chart name"), e.getMessage());
      RegistryRepository repo = registry.repository(REGISTRY.reference("plain/image"));
      var config = repo.pushBlob("application/vnd.oci.image.config.v1+json", "{}".getBytes(StandardCharsets.UTF_8));
      repo.putManifest(dev.countersign.oci.ImageManifest.builder().config(config).build().manifest(), "v1");
      e = assertThrows(InvalidInputException.class, () -> OciCharts.pull(repo, "v1", dir.resolve("x")));
      assertTrue(e.getMessage().contains("not a Helm chart"), e.getMessage());
    }
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + err);
    return out;
  }
}
