package dev.countersign.oci.internal.layout;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a stream through while hashing it; fails with {@link InvalidInputException} as soon as more than the
 * declared size arrives, and at the end when the size or digest differ. A reader that stops early gets no
 * verdict, so readers must read to the end.
 */
public final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long size;
  private final String what;
  private final MessageDigest md;
  private long count;
  private boolean verified;

  /** Verifies {@code in} against {@code expected} and {@code size}; {@code what} names the content. */
  public VerifyingInputStream(InputStream in, Digest expected, long size, String what) {
    super(in);
    this.expected = expected;
    this.size = size;
    this.what = what;
    this.md = expected.algorithm().newMessageDigest();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, len);
    if (n < 0) {
      finish();
      return -1;
    }
    count += n;
    if (count > size) {
      throw new InvalidInputException(what + " is larger than its declared size of " + size + " bytes");
    }
    md.update(b, off, n);
    return n;
  }

  private void finish() {
    if (verified) {
      return;
    }
    if (count != size) {
      throw new InvalidInputException(what + " has " + count + " bytes, expected " + size);
    }
    Digest actual = Digest.of(expected.algorithm(), md.digest());
    if (!actual.matches(expected)) {
      throw new InvalidInputException(what + " does not match its digest: expected " + expected + ", got "
          + actual);
    }
    verified = true;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }
}
