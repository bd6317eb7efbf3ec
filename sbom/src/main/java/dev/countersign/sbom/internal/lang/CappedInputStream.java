package dev.countersign.sbom.internal.lang;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends (EOF) after {@code cap} bytes; never closes the stream it reads from. */
class CappedInputStream extends FilterInputStream {
  private long remaining;

  CappedInputStream(InputStream in, long cap) {
    super(in);
    this.remaining = cap;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = in.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  @Override
  public void close() {
    // the caller owns the underlying stream
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
