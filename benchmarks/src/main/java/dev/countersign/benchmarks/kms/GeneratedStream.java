package dev.countersign.benchmarks.kms;

import java.io.InputStream;
import java.util.Random;

/**
 * A stream of {@code length} bytes that repeats one 1 MiB block of seeded pseudo-random bytes: large inputs for
 * streaming signers without holding them in memory or on disk.
 */
final class GeneratedStream extends InputStream {
  private static final int BLOCK = 1 << 20;

  private final byte[] block = new byte[BLOCK];
  private final long length;
  private long position;

  GeneratedStream(long length, long seed) {
    this.length = length;
    new Random(seed).nextBytes(block);
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    return block[(int) (position++ % BLOCK)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    int at = (int) (position % BLOCK);
    int n = (int) Math.min(Math.min(len, BLOCK - at), length - position);
    System.arraycopy(block, at, b, off, n);
    position += n;
    return n;
  }
}
