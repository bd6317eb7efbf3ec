package dev.countersign.pgp.helm.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.pgp.helm.ChartIndexEntry;
import dev.countersign.pgp.helm.ChartRepository;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import dev.countersign.pgp.helm.DownloadedChart;
import dev.countersign.pgp.helm.RepositoryIndexer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryIndexerTest {
  static final Instant T = Instant.parse("2025-01-02T03:04:05.000000006Z");
  @TempDir Path dir;
  @TempDir Path dest;

  @Test
  void indexesADirectoryLikeHelmRepoIndex() {
    RepoFixtures.copy(RepoFixtures.CHART, dir, "hashtest-1.2.3.tgz");
    RepoFixtures.copy(RepoFixtures.CHART, dir, "sub/copy-1.2.3.tgz");
    RepoFixtures.copy("hashtest.sha256", dir, "broken.tgz");
    ChartRepositoryIndex index = RepositoryIndexer.builder().url("https://charts.example.com/").created(T).build()
        .writeIndex(dir);
    ChartIndexEntry e = index.find("hashtest", "1.2.3").orElseThrow();
    assertEquals(List.of("https://charts.example.com/hashtest-1.2.3.tgz"), e.urls());
    assertEquals(RepoFixtures.sha256(RepoFixtures.vector(RepoFixtures.CHART)), e.digest().orElseThrow());
    assertEquals(T, e.created().orElseThrow());
    assertEquals("Test chart versioning", e.metadata().get("description").asText());
    assertEquals(2, index.skipped().size(), index.skipped().toString());
    assertEquals(index.entries(), ChartRepositoryIndex.read(dir.resolve("index.yaml")).entries());
    assertEquals(List.of("hashtest-1.2.3.tgz"), RepositoryIndexer.builder().created(T).build().index(dir)
        .find("hashtest", "1.2.3").orElseThrow().urls());
  }

  @Test
  void mergeKeepsLocalChartsAndAddsTheOthers() {
    RepoFixtures.copy(RepoFixtures.CHART, dir, "hashtest-1.2.3.tgz");
    Instant old = Instant.parse("2020-01-01T00:00:00Z");
    Path existing = dir.resolve("old-index.yaml");
    ChartRepositoryIndex.empty(old)
        .with(ChartIndexEntry.of(JsonNodeFactory.instance.objectNode().put("name", "hashtest").put("version", "1.2.3"),
            List.of("https://old.example.com/hashtest-1.2.3.tgz"), old, null))
        .with(ChartIndexEntry.of(JsonNodeFactory.instance.objectNode().put("name", "hashtest").put("version", "1.0.0"),
            List.of("https://old.example.com/hashtest-1.0.0.tgz"), old, null))
        .write(existing);
    ChartRepositoryIndex index = RepositoryIndexer.builder().created(T).merge(existing).build().index(dir);
    assertEquals(List.of("1.2.3", "1.0.0"), index.versions("hashtest").stream().map(ChartIndexEntry::version)
        .toList());
    assertEquals(List.of("hashtest-1.2.3.tgz"), index.find("hashtest", "1.2.3").orElseThrow().urls());
    assertEquals(old, index.find("hashtest", "1.0.0").orElseThrow().created().orElseThrow());
    assertTrue(RepositoryIndexer.builder().merge(dir.resolve("missing.yaml")).build().index(dir)
        .find("hashtest", "1.2.3").isPresent());
  }

  @Test
  void aDirectoryIndexedHereServesHelmStyleDownloads() throws Exception {
    RepoFixtures.copy(RepoFixtures.CHART, dir, "hashtest-1.2.3.tgz");
    RepoFixtures.copy(RepoFixtures.CHART + ".prov", dir, "hashtest-1.2.3.tgz.prov");
    RepositoryIndexer.builder().created(T).build().writeIndex(dir);
    try (PythonHttpServer server = PythonHttpServer.serve(dir)) {
      DownloadedChart chart = ChartRepository.builder(server.url()).build().download("hashtest", "1.2.3", dest, true);
      assertTrue(Files.isRegularFile(chart.provenance().orElseThrow()));
    }
  }
}
