package dev.countersign.oci.internal.io;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while hashing and counting it, for every source (registry responses, layout files,
 * copies). Reading beyond the expected size fails at once; end of stream is only reported after the size and
 * digest matched, else {@link InvalidInputException} is thrown, so unverified data is never handed out as
 * complete. A reader that stops early gets no verdict, so readers must read to the end. {@code skip} reads
 * through the hash.
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
    return n == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (verified) {
      return -1;
    }
    long remaining = size - count;
    int want = (int) Math.min(len, Math.max(1, remaining));
    int n;
    try {
      n = in.read(b, off, want);
    } catch (IOException e) {
      throw new IOException("reading " + what + " failed after " + count + " of " + size + " bytes: "
          + e.getMessage(), e);
    }
    if (n == -1) {
      finish();
      return -1;
    }
    if (remaining <= 0 || n > remaining) {
      throw new InvalidInputException(what + " is longer than its descriptor's " + size + " bytes");
    }
    md.update(b, off, n);
    count += n;
    return n;
  }

  private void finish() {
    if (count != size) {
      throw new InvalidInputException(what + " is truncated: got " + count + " of " + size + " bytes");
    }
    Digest actual = Digest.of(expected.algorithm(), md.digest());
    if (!actual.matches(expected)) {
      throw new InvalidInputException(what + " does not match its digest (digest mismatch): expected " + expected
          + ", got " + actual);
    }
    verified = true;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r == -1) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // not supported: a rewind would corrupt the running digest
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }
}
