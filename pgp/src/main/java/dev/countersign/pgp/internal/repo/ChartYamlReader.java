package dev.countersign.pgp.internal.repo;

import dev.countersign.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code NAME/Chart.yaml} out of a packaged chart ({@code .tgz}) as Helm's loader finds it: the first
 * regular tar entry whose path is one directory deep and named {@code Chart.yaml}. Bounded: the file at most
 * 1 MiB, the archive read until the file is found. Only what repository indexing needs; the full archive reader
 * is {@code ChartArchive}.
 */
public final class ChartYamlReader {
  private static final int MAX_CHART_YAML = 1 << 20;

  private ChartYamlReader() {}

  /** The bytes of the archive's {@code Chart.yaml}; {@link InvalidInputException} when it is not a chart. */
  public static byte[] read(Path tgz) {
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 64 * 1024))) {
      byte[] header = new byte[512];
      while (true) {
        if (in.readNBytes(header, 0, 512) < 512 || isZero(header)) {
          throw new InvalidInputException(tgz.getFileName() + " has no NAME/Chart.yaml");
        }
        String name = field(header, 0, 100);
        String prefix = "ustar".equals(field(header, 257, 5)) ? field(header, 345, 155) : "";
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        long size = octal(header, 124, 12, tgz);
        char type = (char) header[156];
        long padded = (size + 511) / 512 * 512;
        String[] parts = path.split("/");
        if ((type == '0' || type == 0) && parts.length == 2 && parts[1].equals("Chart.yaml")) {
          if (size > MAX_CHART_YAML) {
            throw new InvalidInputException(tgz.getFileName() + ": Chart.yaml is larger than 1 MiB");
          }
          byte[] data = in.readNBytes((int) size);
          if (data.length < size) {
            throw new InvalidInputException(tgz.getFileName() + " is truncated");
          }
          return data;
        }
        in.skipNBytes(padded);
      }
    } catch (IOException e) {
      throw new InvalidInputException(tgz.getFileName() + " is not a gzip-compressed tar archive: "
          + e.getMessage(), e);
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int off, int len, Path tgz) {
    String s = field(h, off, len).trim();
    if (s.isEmpty() || !s.matches("[0-7]{1,12}")) {
      throw new InvalidInputException(tgz.getFileName() + " has a tar entry with a bad size field");
    }
    return Long.parseLong(s, 8);
  }
}
