package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.OciLayout;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import dev.countersign.pgp.helm.OciCharts;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import dev.countersign.pgp.helm.PulledChart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm repo index} and {@code helm push}, on Helm's own signed test chart. */
class HelmRepoAndPushTest {
  @RegisterExtension
  static final RegistryServer REGISTRY = RegistryServer.anonymous();

  @TempDir
  Path dir;

  @Test
  void repoIndexListsTheChartWithItsDigestAndUrlAndMergeKeepsOtherCharts() throws IOException {
    Path repo = Files.createDirectory(dir.resolve("repo"));
    copy("hashtest-1.2.3.tgz", repo);
    Path old = dir.resolve("old-index.yaml");
    Files.writeString(old, "apiVersion: v1\nentries:\n  other:\n  - apiVersion: v2\n    name: other\n"
        + "    version: 0.1.0\n    urls: [https://elsewhere.example/other-0.1.0.tgz]\n"
        + "    digest: \"0000000000000000000000000000000000000000000000000000000000000000\"\n"
        + "    created: \"2020-01-01T00:00:00Z\"\ngenerated: \"2020-01-01T00:00:00Z\"\n");
    Cli.Result r = Cli.run("helm", "repo", "index", repo.toString(), "--url", "https://charts.example.com/stable",
        "--merge", old.toString()).expect(0);
    ChartRepositoryIndex index = ChartRepositoryIndex.read(repo.resolve("index.yaml"));
    var entry = index.find("hashtest", "1.2.3").orElseThrow();
    String sha = Tools.check("sha256sum", repo.resolve("hashtest-1.2.3.tgz").toString()).split(" ")[0];
    assertEquals(sha, entry.digest().orElseThrow());
    assertEquals("https://charts.example.com/stable/hashtest-1.2.3.tgz", entry.urls().get(0));
    assertTrue(index.find("other", "0.1.0").isPresent(), () -> "merged entry kept: " + r.err());
    assertTrue(r.err().isEmpty(), r.err());
    // An entry Helm would skip (an unquoted all-digit digest is a YAML number) is named on stderr.
    Files.writeString(old, Files.readString(old).replace("\"0000", "0000").replace("0000\"", "0000"));
    Cli.Result again = Cli.run("helm", "repo", "index", repo.toString(), "--merge", old.toString()).expect(0);
    assertTrue(again.err().contains("old-index.yaml: other: digest of chart other 0.1.0"), again.err());
    Cli.run("helm", "repo", "index", dir.resolve("missing").toString()).expect(2);
  }

  @Test
  void pushToARegistryStoresChartAndProvenanceThatPullAndVerifyBack() throws IOException {
    Path chart = copy("hashtest-1.2.3.tgz", dir);
    copy("hashtest-1.2.3.tgz.prov", dir);
    String remote = "oci://" + REGISTRY.host() + "/charts";
    Cli.Result r = Cli.run("helm", "push", chart.toString(), remote).expect(0);
    assertTrue(r.out().startsWith("Pushed: " + REGISTRY.host() + "/charts/hashtest:1.2.3\nDigest: sha256:"), r.out());
    String manifest = Tools.check("skopeo", "inspect", "--raw", "--tls-verify=false",
        "docker://" + REGISTRY.host() + "/charts/hashtest:1.2.3");
    assertTrue(manifest.contains(OciCharts.PROVENANCE_LAYER_MEDIA_TYPE), manifest);
    assertTrue(manifest.contains(OciCharts.CONFIG_MEDIA_TYPE), manifest);

    Path layout = dir.resolve("layout");
    Cli.run("helm", "push", chart.toString(), "oci:" + layout).expect(0);
    PulledChart pulled = OciCharts.pull(OciLayout.open(layout), "1.2.3", Files.createDirectory(dir.resolve("out")));
    var report = ProvenanceVerifier.withKeyring(PgpKeyring.read(copy("helm-test-key.pub", dir)))
        .verify(pulled.archive(), pulled.provenance().orElseThrow());
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void remotesWithATagOrAnotherSchemeAreRefused() throws IOException {
    Path chart = copy("hashtest-1.2.3.tgz", dir);
    Cli.run("helm", "push", chart.toString(), "oci://" + REGISTRY.host() + "/charts:1.0").expect(2);
    Cli.run("helm", "push", chart.toString(), "https://" + REGISTRY.host() + "/charts").expect(2);
  }

  private static Path copy(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = HelmRepoAndPushTest.class.getResourceAsStream("/helm/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }
}
