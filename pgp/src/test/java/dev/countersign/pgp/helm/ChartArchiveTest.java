package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartArchiveTest {
  private static final String CHART_YAML = "apiVersion: v2\nname: demo\nversion: 0.1.0\n";

  private static InvalidInputException refused(byte[] tgz, String messagePart) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ChartArchive.read(new ByteArrayInputStream(tgz)));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    return e;
  }

  @Test
  void readsTheHelmVectorArchive() {
    ChartArchive a = ChartArchive.read(HelmVectors.path("hashtest-1.2.3.tgz"));
    assertEquals("hashtest", a.directory());
    assertEquals(List.of("Chart.yaml", "values.yaml", ".helmignore"), a.files());
    assertEquals(ChartMetadata.parse(HelmVectors.bytes("hashtest/Chart.yaml")), a.metadata());
    assertEquals("1.2.3", ChartArchive.readMetadata(HelmVectors.path("hashtest-1.2.3.tgz")).version());
  }

  @Test
  void directoryEntriesAndPaxNamesAreRead() {
    String longName = "demo/templates/" + "x".repeat(150) + ".yaml";
    byte[] pax = ("" + (longName.length() + 10) + " path=" + longName + "\n").getBytes();
    RawTar t = new RawTar().entry("demo/", '5', new byte[0], "").file("demo/Chart.yaml", CHART_YAML)
        .entry("PaxHeaders/x", 'x', pax, "").file("demo/templates/short.yaml", "a: b\n");
    ChartArchive a = ChartArchive.read(new ByteArrayInputStream(t.tgz()));
    assertEquals(List.of("Chart.yaml", longName.substring(5)), a.files());
  }

  @Test
  void parentDirectoryIsRefused() {
    refused(new RawTar().file("demo/Chart.yaml", CHART_YAML).file("demo/../x", "x").tgz(), "parent directory");
  }

  @Test
  void absolutePathIsRefused() {
    refused(new RawTar().file("/demo/Chart.yaml", CHART_YAML).tgz(), "absolute path");
  }

  @Test
  void symlinkIsRefused() {
    refused(new RawTar().file("demo/Chart.yaml", CHART_YAML).entry("demo/link", '2', new byte[0], "/etc/passwd")
        .tgz(), "symbolic link");
  }

  @Test
  void hardlinkAndDeviceAreRefused() {
    refused(new RawTar().file("demo/Chart.yaml", CHART_YAML).entry("demo/h", '1', new byte[0], "demo/Chart.yaml")
        .tgz(), "hard link");
    refused(new RawTar().file("demo/Chart.yaml", CHART_YAML).entry("demo/dev", '3', new byte[0], "").tgz(),
        "tar type '3'");
  }

  @Test
  void twoTopLevelDirectoriesAreRefused() {
    refused(new RawTar().file("demo/Chart.yaml", CHART_YAML).file("other/values.yaml", "").tgz(),
        "outside its top-level directory");
  }

  @Test
  void fileAtTheRootIsRefused() {
    refused(new RawTar().file("Chart.yaml", CHART_YAML).tgz(), "not inside a top-level directory");
  }

  @Test
  void missingChartYamlAndBadChartYamlAreRefused() {
    refused(new RawTar().file("demo/values.yaml", "").tgz(), "no demo/Chart.yaml");
    refused(new RawTar().file("demo/Chart.yaml", "name: demo\n").tgz(), "apiVersion is required");
  }

  @Test
  void truncatedGzipIsRefused() {
    byte[] tgz = new RawTar().file("demo/Chart.yaml", CHART_YAML).file("demo/values.yaml", "x".repeat(5000))
        .tgz();
    refused(Arrays.copyOf(tgz, tgz.length / 2), "truncated");
  }

  @Test
  void notGzipIsRefused() {
    refused("apiVersion: v2\n".getBytes(), "not a valid gzip file");
  }

  @Test
  void corruptTarHeaderIsRefused() {
    byte[] tar = new RawTar().file("demo/Chart.yaml", CHART_YAML).tar();
    tar[10] ^= 1;
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(b)) {
      gz.write(tar);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    refused(b.toByteArray(), "checksum");
  }

  @Test
  void gigabyteBombInOneEntryIsRefusedAtItsHeader() {
    long start = System.nanoTime();
    InputStream bomb = RawTar.gzipBomb(1L << 30, 0);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChartArchive.read(bomb));
    assertTrue(e.getMessage().contains("decompressed; the limit is"), e.getMessage());
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "took too long");
  }

  @Test
  void gigabyteBombOfManyFilesIsRefusedAtTheTotalLimit() {
    long start = System.nanoTime();
    InputStream bomb = RawTar.gzipBomb(1L << 30, 4 * 1024 * 1024);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChartArchive.read(bomb));
    assertTrue(e.getMessage().contains("larger than " + ChartArchive.MAX_TOTAL_SIZE), e.getMessage());
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "took too long");
  }
}
