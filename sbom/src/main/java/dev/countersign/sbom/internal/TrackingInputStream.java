package dev.countersign.sbom.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes reads through and remembers the first failure of the underlying stream, so that a broken layer is told
 * apart from a cataloger choking on content. Closing it does nothing (the walker owns the stream).
 */
final class TrackingInputStream extends FilterInputStream {
  private IOException failure;

  TrackingInputStream(InputStream in) {
    super(in);
  }

  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      failure = failure == null ? e : failure;
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException e) {
      failure = failure == null ? e : failure;
      throw e;
    }
  }

  @Override
  public void close() {
    // the walker owns the stream
  }
}
