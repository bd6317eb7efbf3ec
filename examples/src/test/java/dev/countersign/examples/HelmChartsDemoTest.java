package dev.countersign.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PublishedKeyrings;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmChartsDemoTest {
  @Test
  void walksTheHelmWorkflowAndFailsClosed(@TempDir Path dir) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      HelmChartsDemo.run(dir);  // throws on any unexpected outcome
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("in 3 HTTP requests, sha256 matches index.yaml"), out);
    assertTrue(out.contains("Signed by: Example Governance <helm-signing@example.com>"), out);
    assertTrue(out.contains("tampered archive rejected: archive-digest: FAILED (expected sha256:"), out);
    assertTrue(out.contains("(key expired) rejected: key-validity: FAILED"), out);
    assertTrue(out.contains("misnamed keyring refused: "), out);

    List<Path> published;
    try (Stream<Path> files = Files.list(dir.resolve("cdn"))) {
      published = files.toList();
    }
    assertEquals(1, published.size(), published::toString);
    PgpKey key = PublishedKeyrings.importFile(published.get(0));
    assertTrue(out.contains("Using Key With Fingerprint: " + key.fingerprint()), out);
    assertTrue(key.expiry().isPresent());
    assertTrue(PgpKeyring.read(dir.resolve("pgp-keystore/secring.gpg")).hasSecretKeys());

    Path tgz = dir.resolve("user/hello-0.1.0.tgz");
    assertTrue(out.contains("Chart Hash Verified: sha256:" + sha256(tgz)), out);
    assertEquals(sha256(dir.resolve("dist/hello-0.1.0.tgz")), sha256(tgz));
    ChartRepositoryIndex index = ChartRepositoryIndex.read(dir.resolve("chart-repo/index.yaml"));
    assertEquals(sha256(tgz), index.find("hello", "0.1.0").orElseThrow().digest().orElseThrow());
    assertTrue(Files.exists(dir.resolve("user/hello-0.1.0.tgz.prov")));
  }

  private static String sha256(Path file) {
    return Digest.compute(DigestAlgorithm.SHA256, file).hex();
  }
}
