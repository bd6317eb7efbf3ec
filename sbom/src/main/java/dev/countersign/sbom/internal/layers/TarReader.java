package dev.countersign.sbom.internal.layers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded streaming tar reader: ustar (with prefix), GNU long names and link names ({@code L}/{@code K}), PAX
 * extended headers ({@code path}, {@code linkpath}, {@code size}; global headers ignored), base-256 sizes. Reads
 * nothing ahead: {@link #content()} streams the current entry, {@link #next()} skips what was not read. Header
 * checksums are checked; a truncated archive fails with {@link EOFException}. Not thread-safe.
 */
public final class TarReader {
  /** Longest GNU long name or PAX header accepted. */
  static final int MAX_META_BYTES = 1 << 20;
  private static final int BLOCK = 512;

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];
  private long remaining;
  private long padding;
  private boolean done;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end of the archive (two zero blocks, or one followed by the end). */
  public TarEntry next() throws IOException {
    String longName = null;
    String longLink = null;
    String paxPath = null;
    String paxLink = null;
    long paxSize = -1;
    while (true) {
      skipRest();
      if (done || !readHeader()) {
        done = true;
        return null;
      }
      char type = (char) header[156];
      long size = size();
      if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
        if (size > MAX_META_BYTES) {
          throw new IOException("tar " + (type == 'x' || type == 'g' ? "PAX header" : "long name") + " of "
              + size + " bytes exceeds " + MAX_META_BYTES);
        }
        byte[] meta = readMeta((int) size);
        if (type == 'L') {
          longName = cString(meta, 0, meta.length);
        } else if (type == 'K') {
          longLink = cString(meta, 0, meta.length);
        } else if (type == 'x') {
          PaxHeaders pax = PaxHeaders.parse(meta);
          paxPath = pax.path != null ? pax.path : paxPath;
          paxLink = pax.linkPath != null ? pax.linkPath : paxLink;
          paxSize = pax.size >= 0 ? pax.size : paxSize;
        }
        continue;
      }
      if (paxSize >= 0) {
        size = paxSize;
      }
      String name = paxPath != null ? paxPath : longName != null ? longName : ustarName();
      String link = paxLink != null ? paxLink : longLink != null ? longLink : cString(header, 157, 100);
      boolean hasData = type != '1' && type != '2' && type != '5' && type != '3' && type != '4' && type != '6';
      remaining = hasData ? size : 0;
      padding = hasData ? (BLOCK - size % BLOCK) % BLOCK : 0;
      return new TarEntry(name, type, size, link);
    }
  }

  /** The current entry's content; reading past its end returns -1. Closing it does nothing. */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new EOFException("tar entry truncated: " + remaining + " bytes missing");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private void skipRest() throws IOException {
    skipFully(remaining + padding);
    remaining = 0;
    padding = 0;
  }

  private void skipFully(long n) throws IOException {
    byte[] buf = n > 0 ? new byte[(int) Math.min(n, 64 * 1024)] : null;
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new EOFException("tar archive truncated: " + n + " bytes missing");
      }
      n -= r;
    }
  }

  private boolean readHeader() throws IOException {
    int n = in.readNBytes(header, 0, BLOCK);
    if (n == 0) {
      return false; // a missing end-of-archive marker is tolerated, as GNU tar does
    }
    if (n < BLOCK) {
      throw new EOFException("tar header truncated after " + n + " bytes");
    }
    if (isZero(header)) {
      return false;
    }
    long stored;
    try {
      stored = octal(148, 8);
    } catch (IOException e) {
      stored = -1;
    }
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
    }
    if (stored != sum) {
      throw new IOException("tar header checksum mismatch (not a tar archive, or corrupt)");
    }
    return true;
  }

  private byte[] readMeta(int size) throws IOException {
    byte[] meta = in.readNBytes(size);
    if (meta.length < size) {
      throw new EOFException("tar extended header truncated");
    }
    skipFully((BLOCK - size % BLOCK) % BLOCK);
    return meta;
  }

  private String ustarName() {
    String name = cString(header, 0, 100);
    boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
        && header[261] == 'r' && header[262] == 0;
    String prefix = ustar ? cString(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private long size() throws IOException {
    if ((header[124] & 0x80) != 0) {
      long v = header[124] & 0x7f;
      for (int i = 125; i < 136; i++) {
        if ((v >>> 55) != 0) {
          throw new IOException("tar entry size overflows");
        }
        v = (v << 8) | (header[i] & 0xff);
      }
      return v;
    }
    return octal(124, 12);
  }

  private long octal(int off, int len) throws IOException {
    long v = 0;
    int i = off;
    int end = off + len;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
      if (header[i] < '0' || header[i] > '7' || (v >>> 60) != 0) {
        throw new IOException("tar header has an invalid number field");
      }
      v = (v << 3) | (header[i] - '0');
    }
    return v;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] b) {
    return Arrays.equals(b, new byte[BLOCK]);
  }
}
