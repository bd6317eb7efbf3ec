package dev.countersign.pgp.helm.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.ChartIndexEntry;
import dev.countersign.pgp.helm.ChartRepository;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import dev.countersign.pgp.helm.DownloadedChart;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching from a real, independent HTTP server: {@code python3 -m http.server} over a directory. */
class ChartRepositoryFetchTest {
  static final Instant T = Instant.parse("2024-01-02T03:04:05.123456789Z");
  @TempDir Path root;
  @TempDir Path dest;

  static ObjectNode hashtest() {
    return JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("name", "hashtest")
        .put("version", "1.2.3").put("description", "Test chart versioning");
  }

  /** root/charts/ with the Helm vector chart (and .prov) and an index pointing at {@code url}. */
  private Path repo(String url, String digest, boolean prov) throws Exception {
    Path charts = Files.createDirectories(root.resolve("charts"));
    RepoFixtures.copy(RepoFixtures.CHART, charts, "hashtest-1.2.3.tgz");
    if (prov) {
      RepoFixtures.copy(RepoFixtures.CHART + ".prov", charts, "hashtest-1.2.3.tgz.prov");
    }
    ChartRepositoryIndex.empty(T).with(ChartIndexEntry.of(hashtest(), List.of(url), T, digest))
        .write(charts.resolve("index.yaml"));
    return charts;
  }

  private static String chartDigest() {
    return RepoFixtures.sha256(RepoFixtures.vector(RepoFixtures.CHART));
  }

  @Test
  void downloadsVerifiesDigestFetchesProvAndVerifiesWithHelmKey() throws Exception {
    repo("hashtest-1.2.3.tgz", chartDigest(), true);
    try (PythonHttpServer server = PythonHttpServer.serve(root)) {
      ChartRepository repo = ChartRepository.builder(server.url() + "/charts").build();
      DownloadedChart chart = repo.download("hashtest", "1.2.3", dest, true);
      assertEquals(3, repo.requestCount(), "index, chart, .prov: " + server.log());
      assertEquals(dest.resolve("hashtest-1.2.3.tgz"), chart.archive());
      assertArrayEquals(RepoFixtures.vector(RepoFixtures.CHART), Files.readAllBytes(chart.archive()));
      assertEquals(chartDigest(), chart.sha256());
      PgpKeyring keyring = PgpKeyring.read(RepoFixtures.vector("helm-test-key.pub"));
      VerificationReport report = ProvenanceVerifier.withKeyring(keyring)
          .verify(chart.archive(), chart.provenance().orElseThrow());
      assertTrue(report.passed(), report.toString());
      assertTrue(server.log().contains("GET /charts/hashtest-1.2.3.tgz.prov"), server.log());
      try (var files = Files.list(dest)) {
        assertEquals(2, files.count(), "no temporary files left");
      }
    }
  }

  @Test
  void resolvesAbsoluteUrlsAndReportsMissingProvenance() throws Exception {
    try (PythonHttpServer server = PythonHttpServer.serve(root)) {
      Path charts = repo(server.url() + "/charts/hashtest-1.2.3.tgz", chartDigest(), false);
      Files.move(charts.resolve("index.yaml"), Files.createDirectories(root.resolve("elsewhere/repo"))
          .resolve("index.yaml"));
      ChartRepository repo = ChartRepository.builder(server.url() + "/elsewhere/repo/").build();
      DownloadedChart chart = repo.download("hashtest", "1.2.3", dest, false);
      assertTrue(chart.provenance().isEmpty());
      assertEquals(chartDigest(), RepoFixtures.sha256(chart.archive()));
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> repo.download("hashtest", "1.2.3", dest, true));
      assertTrue(e.getMessage().contains("no provenance file"), e.getMessage());
    }
  }

  @Test
  void digestMismatchFailsClosedWithExpectedAndActual() throws Exception {
    String wrong = "0".repeat(64);
    repo("hashtest-1.2.3.tgz", wrong, true);
    try (PythonHttpServer server = PythonHttpServer.serve(root)) {
      ChartRepository repo = ChartRepository.builder(server.url() + "/charts").build();
      VerificationException e = assertThrows(VerificationException.class,
          () -> repo.download("hashtest", "1.2.3", dest, false));
      var check = e.report().check("archive-digest").orElseThrow();
      assertEquals("sha256:" + wrong, check.expected().orElseThrow());
      assertEquals("sha256:" + chartDigest(), check.actual().orElseThrow());
      try (var files = Files.list(dest)) {
        assertEquals(0, files.count(), "nothing is left behind");
      }
    }
  }

  @Test
  void notFoundUnknownChartOversizedAndAliasedIndexes() throws Exception {
    Path charts = repo("hashtest-1.2.3.tgz", chartDigest(), true);
    try (PythonHttpServer server = PythonHttpServer.serve(root)) {
      BackendException nf = assertThrows(BackendException.class,
          () -> ChartRepository.builder(server.url() + "/nothing").build().index());
      assertTrue(nf.getMessage().contains("HTTP 404"), nf.getMessage());
      ChartRepository repo = ChartRepository.builder(server.url() + "/charts").build();
      assertThrows(InvalidInputException.class, () -> repo.download("hashtest", "9.9.9", dest, false));
      InvalidInputException big = assertThrows(InvalidInputException.class,
          () -> ChartRepository.builder(server.url() + "/charts").maxIndexBytes(64).build().index());
      assertTrue(big.getMessage().contains("larger than"), big.getMessage());
      Files.writeString(charts.resolve("index.yaml"), "apiVersion: v1\nentries:\n  a: &x [{name: a, version: 1.0.0}]\n"
          + "  b: *x\n");
      InvalidInputException alias = assertThrows(InvalidInputException.class,
          () -> ChartRepository.builder(server.url() + "/charts").build().index());
      assertTrue(alias.getMessage().contains("alias"), alias.getMessage());
      ChartRepositoryIndex.empty(T).with(ChartIndexEntry.of(hashtest(), List.of("hashtest-1.2.3.tgz"), T, null))
          .write(charts.resolve("index.yaml"));
      InvalidInputException noDigest = assertThrows(InvalidInputException.class,
          () -> ChartRepository.builder(server.url() + "/charts").build().download("hashtest", "1.2.3", dest, false));
      assertTrue(noDigest.getMessage().contains("no digest"), noDigest.getMessage());
      ChartRepository lax = ChartRepository.builder(server.url() + "/charts").requireDigest(false).build();
      assertEquals(chartDigest(), lax.download("hashtest", "1.2.3", dest, false).sha256());
      Files.delete(charts.resolve("hashtest-1.2.3.tgz"));
      BackendException gone = assertThrows(BackendException.class,
          () -> lax.download("hashtest", "1.2.3", root.resolve("d2"), false));
      assertTrue(gone.getMessage().contains("HTTP 404"), gone.getMessage());
    }
  }

  @Test
  void pythonYamlReadsTheIndexWeWrite() throws Exception {
    Path charts = repo("hashtest-1.2.3.tgz", chartDigest(), true);
    Process p = new ProcessBuilder("/usr/bin/python3", "-c",
        "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1])), sort_keys=True))",
        charts.resolve("index.yaml").toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    var tree = new ObjectMapper().readTree(out);
    var v = tree.at("/entries/hashtest/0");
    assertEquals("1.2.3", v.get("version").textValue());
    assertEquals("2024-01-02T03:04:05.123456789Z", v.get("created").textValue(), "a string, not a timestamp");
    assertEquals(chartDigest(), v.get("digest").textValue());
    assertEquals("hashtest-1.2.3.tgz", v.at("/urls/0").textValue());
    assertEquals("v1", tree.get("apiVersion").textValue());
    assertFalse(tree.has("serverInfo"));
  }
}
