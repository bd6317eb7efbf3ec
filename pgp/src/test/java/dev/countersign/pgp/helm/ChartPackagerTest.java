package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartPackagerTest {
  private static final Instant T = Instant.parse("2024-05-06T07:08:09Z");

  static Path copyVectorChart(Path dir) throws IOException {
    Path chart = dir.resolve("hashtest");
    Files.createDirectories(chart);
    for (String f : List.of("Chart.yaml", "values.yaml", ".helmignore")) {
      Files.write(chart.resolve(f), HelmVectors.bytes("hashtest/" + f));
    }
    return chart;
  }

  static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    return out;
  }

  @Test
  void vectorChartPackagesDeterministicallyWithTheVectorsMetadata(@TempDir Path dir) throws Exception {
    Path chart = copyVectorChart(dir);
    Path out = ChartPackager.builder(chart).destination(dir.resolve("out")).modificationTime(T).build().write();
    assertEquals("hashtest-1.2.3.tgz", out.getFileName().toString());
    ChartArchive a = ChartArchive.read(out);
    assertEquals(ChartArchive.readMetadata(HelmVectors.path("hashtest-1.2.3.tgz")), a.metadata());
    assertEquals(List.of(".helmignore", "Chart.yaml", "values.yaml"), a.files());
    byte[] again = ChartPackager.builder(chart).modificationTime(T).build().toBytes().archive();
    assertArrayEquals(Files.readAllBytes(out), again);
    byte[] viaEpoch = ChartPackager.builder(chart).environment(Map.of("SOURCE_DATE_EPOCH",
        String.valueOf(T.getEpochSecond()))).build().toBytes().archive();
    assertArrayEquals(again, viaEpoch);
    byte[] other = ChartPackager.builder(chart).modificationTime(T.plusSeconds(1)).build().toBytes().archive();
    assertFalse(java.util.Arrays.equals(again, other));

    String tar = run(dir, "tar", "--numeric-owner", "-tzvf", out.toString());
    assertEquals(List.of(
        "-rw-r--r-- 0/0             182 2024-05-06 07:08 hashtest/.helmignore",
        "-rw-r--r-- 0/0              80 2024-05-06 07:08 hashtest/Chart.yaml",
        "-rw-r--r-- 0/0             " + HelmVectors.bytes("hashtest/values.yaml").length
            + " 2024-05-06 07:08 hashtest/values.yaml"), normalise(tar));
    String sha = run(dir, "sha256sum", out.toString()).split(" ")[0];
    assertEquals(sha, Digest.compute(DigestAlgorithm.SHA256, out).hex());
    assertEquals("ok", python(dir, out, T.getEpochSecond()));
  }

  private static List<String> normalise(String tarListing) {
    return tarListing.lines().map(l -> {
      String[] f = l.trim().split(" +");
      return String.format("%s %s %15s %s %s %s", (Object[]) f);
    }).toList();
  }

  /** Python's tarfile checks every member: regular, 0644, uid/gid 0, empty owner names, the given mtime. */
  static String python(Path dir, Path tgz, long mtime) throws Exception {
    String script = "import sys, tarfile\n"
        + "with tarfile.open(sys.argv[1], 'r:gz') as t:\n"
        + "  ms = t.getmembers()\n"
        + "  assert ms, 'empty'\n"
        + "  for m in ms:\n"
        + "    assert m.isfile(), m.name\n"
        + "    assert m.mode == 0o644 and m.uid == 0 and m.gid == 0, (m.name, oct(m.mode), m.uid, m.gid)\n"
        + "    assert m.uname == '' and m.gname == '' and m.mtime == int(sys.argv[2]), (m.name, m.mtime)\n"
        + "    assert t.extractfile(m).read() is not None\n"
        + "  names = [m.name for m in ms]\n"
        + "  assert names == sorted(names, key=lambda n: n.encode()), names\n"
        + "print('ok', end='')\n";
    return run(dir, "/usr/bin/python3", "-c", script, tgz.toString(), String.valueOf(mtime));
  }

  @Test
  void helmignoreSubchartsLongNamesAndOverrides(@TempDir Path dir) throws Exception {
    Path sub = dir.resolve("sub");
    write(sub, "Chart.yaml", "apiVersion: v2\nname: sub\nversion: 2.0.0\n");
    Path subTgz = ChartPackager.builder(sub).destination(dir).modificationTime(T).build().write();

    Path c = dir.resolve("web");
    write(c, "Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\ndescription: |\n  Web\n  app\n");
    write(c, ".helmignore", "# comment\n*.bak\nsecret/\n/rootonly.txt\n");
    write(c, "values.yaml", "replicas: 1\n");
    write(c, "templates/deploy.yaml", "kind: Deployment\n");
    write(c, "templates/.hidden", "x");
    write(c, "templates/old.bak", "x");
    write(c, "secret/key", "x");
    write(c, "rootonly.txt", "x");
    write(c, "docs/rootonly.txt", "kept");
    write(c, "charts/inner/Chart.yaml", "apiVersion: v2\nname: inner\nversion: 1.0.0\nunknown: dropped\n");
    write(c, "charts/inner/values.yaml", "");
    Files.copy(subTgz, c.resolve("charts/sub-2.0.0.tgz"));
    String longPath = "files/" + "d".repeat(60) + "/" + "n".repeat(60) + ".txt";
    write(c, longPath, "long");
    Files.createSymbolicLink(c.resolve("templates/link.yaml"), c.resolve("templates/deploy.yaml"));

    ChartPackager.Result r = ChartPackager.builder(c).modificationTime(T).version("0.2.0").appVersion("7.0")
        .build().toBytes();
    assertEquals("web-0.2.0.tgz", r.fileName());
    ChartArchive a = ChartArchive.read(new ByteArrayInputStream(r.archive()));
    assertEquals(List.of(".helmignore", "Chart.yaml", "charts/inner/Chart.yaml", "charts/inner/values.yaml",
        "charts/sub-2.0.0.tgz", "docs/rootonly.txt", longPath, "templates/deploy.yaml", "templates/link.yaml",
        "values.yaml"), a.files());
    assertEquals("0.2.0", a.metadata().version());
    assertEquals("7.0", a.metadata().appVersion().orElseThrow());
    assertEquals("apiVersion: v2\nappVersion: \"7.0\"\ndescription: 'Web app '\nname: web\nversion: 0.2.0\n",
        a.metadata().toYaml());
    Path tgz = dir.resolve(r.fileName());
    Files.write(tgz, r.archive());
    String listing = run(dir, "tar", "-tzf", tgz.toString());
    assertTrue(listing.contains("web/" + longPath + "\n"), listing);
    assertEquals("ok", python(dir, tgz, T.getEpochSecond()));
    run(dir, "mkdir", "x");
    run(dir.resolve("x"), "tar", "-xzf", tgz.toString());
    assertEquals("apiVersion: v2\nname: inner\nversion: 1.0.0\n",
        Files.readString(dir.resolve("x/web/charts/inner/Chart.yaml")));
    assertEquals("kind: Deployment\n", Files.readString(dir.resolve("x/web/templates/link.yaml")));
  }

  @Test
  void symlinkOutOfTheChartIsRefused(@TempDir Path dir) throws Exception {
    Path c = dir.resolve("c");
    write(c, "Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
    write(dir, "outside.txt", "secret");
    Files.createSymbolicLink(c.resolve("values.yaml"), dir.resolve("outside.txt"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ChartPackager.builder(c).modificationTime(T).build().toBytes());
    assertTrue(e.getMessage().contains("outside the chart directory"), e.getMessage());
  }

  @Test
  void badChartsAreRefused(@TempDir Path dir) throws Exception {
    Path c = dir.resolve("c");
    write(c, "values.yaml", "");
    assertThrows(InvalidInputException.class, () -> ChartPackager.builder(c).build().toBytes());
    write(c, "Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
    assertThrows(InvalidInputException.class, () -> ChartPackager.builder(c).version("x.y").build().toBytes());
    write(c, ".helmignore", "a/**/b\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ChartPackager.builder(c).build().toBytes());
    assertTrue(e.getMessage().contains("double-star"), e.getMessage());
    write(c, ".helmignore", "");
    write(c, "charts/broken.tgz", "not gzip");
    assertThrows(InvalidInputException.class, () -> ChartPackager.builder(c).build().toBytes());
    assertThrows(InvalidInputException.class, () -> ChartPackager.builder(dir.resolve("missing")).build().toBytes());
  }

  static void write(Path dir, String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
