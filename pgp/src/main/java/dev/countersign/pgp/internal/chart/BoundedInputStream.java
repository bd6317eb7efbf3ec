package dev.countersign.pgp.internal.chart;

import dev.countersign.core.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Refuses to deliver more than a fixed number of bytes (a decompression bomb stops here, early). */
public final class BoundedInputStream extends FilterInputStream {
  private final long max;
  private final String what;
  private long count;

  public BoundedInputStream(InputStream in, long max, String what) {
    super(in);
    this.max = max;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    count += n;
    if (count > max) {
      throw new InvalidInputException(what + " decompresses to more than " + max + " bytes; refused "
          + "(a decompression bomb or an oversized chart)");
    }
  }
}
