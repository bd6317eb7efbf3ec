package dev.countersign.pgp.helm.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.ChartDirectoryPublisher;
import dev.countersign.pgp.helm.ChartRepository;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import dev.countersign.pgp.helm.DownloadedChart;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartDirectoryPublisherTest {
  static final Instant T = Instant.parse("2025-06-07T08:09:10Z");
  @TempDir Path in;
  @TempDir Path repo;
  @TempDir Path dest;

  @Test
  void publishesIntoADirectoryThatServesAndVerifies() throws Exception {
    Path chart = RepoFixtures.copy(RepoFixtures.CHART, in, RepoFixtures.CHART);
    Path prov = RepoFixtures.copy(RepoFixtures.CHART + ".prov", in, RepoFixtures.CHART + ".prov");
    ChartDirectoryPublisher publisher = ChartDirectoryPublisher.of(repo, null);
    publisher.publish(chart, prov, false, T);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> publisher.publish(chart, prov, false, T));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    publisher.publish(chart, prov, true, T.plusSeconds(1));
    ChartRepositoryIndex index = ChartRepositoryIndex.read(repo.resolve("index.yaml"));
    assertEquals(1, index.versions("hashtest").size());
    assertEquals(T.plusSeconds(1), index.generated());
    try (PythonHttpServer server = PythonHttpServer.serve(repo)) {
      DownloadedChart got = ChartRepository.builder(server.url()).build().download("hashtest", "1.2.3", dest, true);
      assertTrue(ProvenanceVerifier.withKeyring(PgpKeyring.read(RepoFixtures.vector("helm-test-key.pub")))
          .verify(got.archive(), got.provenance().orElseThrow()).passed());
    }
  }
}
