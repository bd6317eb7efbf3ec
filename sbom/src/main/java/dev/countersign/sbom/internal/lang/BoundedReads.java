package dev.countersign.sbom.internal.lang;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads small metadata files with a hard size cap; the rest of an oversized file is left unread. */
final class BoundedReads {
  private BoundedReads() {}

  /**
   * Reads {@code in} to its end when it holds at most {@code max} bytes.
   *
   * @return the bytes, or empty when the stream holds more than {@code max} bytes (then max+1 bytes were consumed)
   */
  static Optional<byte[]> readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, max + 1L - total))) > 0) {
      out.write(buffer, 0, n);
      total += n;
      if (total > max) {
        return Optional.empty();
      }
    }
    return Optional.of(out.toByteArray());
  }

  /** Reads and discards {@code in} to its end; returns the byte count. */
  static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[16384];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
    }
    return total;
  }
}
