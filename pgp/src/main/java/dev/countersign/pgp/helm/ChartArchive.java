package dev.countersign.pgp.helm;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.chart.BoundedInputStream;
import dev.countersign.pgp.internal.chart.TarReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A packaged chart ({@code NAME-VERSION.tgz}) read streaming and bounded, with Helm's archive rules and stricter
 * ones: every entry under one top-level directory, no absolute paths, no {@code ..}, no links or devices, at most
 * {@value #MAX_ENTRIES} entries, {@value #MAX_FILE_SIZE} bytes per file and {@value #MAX_TOTAL_SIZE} in all
 * (Helm's limits), and a {@code Chart.yaml} in that directory. A decompression bomb is refused as soon as the
 * decompressed stream passes the bound.
 */
public final class ChartArchive {
  /** Most entries read. */
  public static final int MAX_ENTRIES = 10_000;
  /** Largest file (decompressed), as Helm's {@code MaxDecompressedFileSize}. */
  public static final int MAX_FILE_SIZE = 5 * 1024 * 1024;
  /** Largest total of file sizes (decompressed), as Helm's {@code MaxDecompressedChartSize}. */
  public static final long MAX_TOTAL_SIZE = 100L * 1024 * 1024;

  private final String directory;
  private final List<String> files;
  private final ChartMetadata metadata;

  private ChartArchive(String directory, List<String> files, ChartMetadata metadata) {
    this.directory = directory;
    this.files = List.copyOf(files);
    this.metadata = metadata;
  }

  /** Reads a chart archive file. */
  public static ChartArchive read(Path tgz) {
    Objects.requireNonNull(tgz, "tgz");
    try (InputStream in = Files.newInputStream(tgz)) {
      return read(in);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("chart archive " + tgz + " does not exist");
    } catch (IOException e) {
      throw new BackendException("cannot read chart archive " + tgz + ": " + e.getMessage(), false, e);
    }
  }

  /** Only the metadata of a chart archive file. */
  public static ChartMetadata readMetadata(Path tgz) {
    return read(tgz).metadata();
  }

  /** Reads a chart archive from a stream (not closed). */
  public static ChartArchive read(InputStream tgz) {
    Objects.requireNonNull(tgz, "tgz");
    try {
      GZIPInputStream gz = new GZIPInputStream(new BufferedInputStream(tgz), 64 * 1024);
      long bound = MAX_TOTAL_SIZE + (long) MAX_ENTRIES * 2048 + 1024 * 1024;
      return read(new TarReader(new BoundedInputStream(gz, bound, "chart archive")));
    } catch (ZipException e) {
      throw new InvalidInputException("chart archive is not a valid gzip file: " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new InvalidInputException("chart archive is truncated (unexpected end of gzip data)", e);
    } catch (IOException e) {
      throw new BackendException("cannot read chart archive: " + e.getMessage(), false, e);
    }
  }

  private static ChartArchive read(TarReader tar) throws IOException {
    String top = null;
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    byte[] chartYaml = null;
    long total = 0;
    int count = 0;
    for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
      if (++count > MAX_ENTRIES) {
        throw new InvalidInputException("chart archive has more than " + MAX_ENTRIES + " entries");
      }
      String name = e.name();
      String entryTop = ChartPaths.checkEntry(name, e.type() == TarReader.Type.DIRECTORY);
      if (top == null) {
        top = entryTop;
      } else if (!top.equals(entryTop)) {
        throw new InvalidInputException("chart archive has entries outside its top-level directory '" + top
            + "/': '" + name + "'");
      }
      switch (e.type()) {
        case DIRECTORY -> {
          continue;
        }
        case SYMLINK, HARDLINK -> throw new InvalidInputException("chart archive entry '" + name + "' is a "
            + (e.type() == TarReader.Type.SYMLINK ? "symbolic" : "hard") + " link; links are not allowed");
        case OTHER -> throw new InvalidInputException("chart archive entry '" + name + "' has tar type '"
            + e.typeflag() + "'; only regular files and directories are allowed");
        default -> { }
      }
      if (e.size() > MAX_FILE_SIZE) {
        throw new InvalidInputException("chart archive file '" + name + "' is " + e.size()
            + " bytes decompressed; the limit is " + MAX_FILE_SIZE);
      }
      total += e.size();
      if (total > MAX_TOTAL_SIZE) {
        throw new InvalidInputException("chart archive is larger than " + MAX_TOTAL_SIZE + " bytes decompressed");
      }
      String rel = name.substring(top.length() + 1);
      if (!seen.add(rel)) {
        throw new InvalidInputException("chart archive has the file '" + name + "' twice");
      }
      names.add(rel);
      if (rel.equals("Chart.yaml")) {
        chartYaml = tar.content(MAX_FILE_SIZE);
      }
    }
    if (names.isEmpty()) {
      throw new InvalidInputException("chart archive has no files");
    }
    if (chartYaml == null) {
      throw new InvalidInputException("chart archive has no " + top + "/Chart.yaml");
    }
    return new ChartArchive(top, names, ChartMetadata.parse(stripBom(chartYaml)));
  }

  private static byte[] stripBom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return java.util.Arrays.copyOfRange(b, 3, b.length);
    }
    return b;
  }

  /** The chart metadata from {@code DIR/Chart.yaml}. */
  public ChartMetadata metadata() {
    return metadata;
  }

  /** The top-level directory all entries are under (usually the chart name). */
  public String directory() {
    return directory;
  }

  /** The files' paths relative to the top-level directory, in archive order (e.g. {@code templates/a.yaml}). */
  public List<String> files() {
    return files;
  }

  @Override
  public String toString() {
    return "ChartArchive[" + directory + "/, " + files.size() + " files, " + metadata + "]";
  }
}
