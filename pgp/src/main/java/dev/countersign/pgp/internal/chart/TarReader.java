package dev.countersign.pgp.internal.chart;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small streaming tar reader (ustar, PAX {@code path}/{@code size}, GNU long names) that reports each entry's
 * name, type and size and lets the caller read or skip its content. Checksums are verified; sizes are octal only.
 */
public final class TarReader {
  /** Entry types the chart reader tells apart. */
  public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

  /** One entry header. */
  public record Entry(String name, Type type, long size, char typeflag) {}

  private static final int MAX_META = 64 * 1024;
  private final InputStream in;
  private long remaining;
  private int padding;
  private boolean ended;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end-of-archive marker. */
  public Entry next() throws IOException {
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    if (ended) {
      return null;
    }
    String paxPath = null;
    long paxSize = -1;
    String longName = null;
    while (true) {
      byte[] h = new byte[512];
      if (!readFullyOrEof(h)) {
        throw new InvalidInputException("tar archive ends without an end-of-archive marker");
      }
      if (isZero(h)) {
        ended = true;
        return null;
      }
      checkChecksum(h);
      char flag = (char) h[156];
      long size = octal(h, 124, 12, "size");
      if (flag == 'x' || flag == 'g' || flag == 'L') {
        if (size > MAX_META) {
          throw new InvalidInputException("tar extended header of " + size + " bytes is too large");
        }
        byte[] data = new byte[(int) size];
        readFully(data);
        skip(pad(size));
        if (flag == 'L') {
          longName = cString(data, 0, data.length);
        } else if (flag == 'x') {
          String[] ps = pax(data);
          paxPath = ps[0] != null ? ps[0] : paxPath;
          paxSize = ps[1] != null ? parseSize(ps[1]) : paxSize;
        }
        continue;
      }
      String name = cString(h, 0, 100);
      if (h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' && h[345] != 0) {
        name = cString(h, 345, 155) + "/" + name;
      }
      name = paxPath != null ? paxPath : longName != null ? longName : name;
      size = paxSize >= 0 ? paxSize : size;
      Type type = switch (flag) {
        case '0', '\0', '7' -> name.endsWith("/") ? Type.DIRECTORY : Type.FILE;
        case '5' -> Type.DIRECTORY;
        case '1' -> Type.HARDLINK;
        case '2' -> Type.SYMLINK;
        default -> Type.OTHER;
      };
      remaining = type == Type.FILE ? size : (type == Type.DIRECTORY ? 0 : size);
      padding = (int) pad(remaining);
      return new Entry(name, type, size, flag);
    }
  }

  /** Reads the current entry's content (at most {@code max} bytes, else refused). */
  public byte[] content(int max) throws IOException {
    if (remaining > max) {
      throw new InvalidInputException("tar entry of " + remaining + " bytes is larger than " + max);
    }
    byte[] data = new byte[(int) remaining];
    readFully(data);
    remaining = 0;
    return data;
  }

  private static long pad(long size) {
    return (512 - size % 512) % 512;
  }

  private void skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new InvalidInputException("tar archive is truncated");
      }
      n -= r;
    }
  }

  private void readFully(byte[] b) throws IOException {
    if (!readFullyOrEof(b) && b.length > 0) {
      throw new InvalidInputException("tar archive is truncated");
    }
  }

  private boolean readFullyOrEof(byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      int r = in.read(b, off, b.length - off);
      if (r < 0) {
        if (off == 0) {
          return false;
        }
        throw new InvalidInputException("tar archive is truncated");
      }
      off += r;
    }
    return true;
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void checkChecksum(byte[] h) {
    long want = octal(h, 148, 8, "checksum");
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    }
    if (sum != want) {
      throw new InvalidInputException("not a tar archive (header checksum mismatch)");
    }
  }

  private static long octal(byte[] h, int off, int len, String what) {
    if ((h[off] & 0x80) != 0) {
      throw new InvalidInputException("tar header " + what + " uses base-256, which is not supported");
    }
    String s = new String(h, off, len, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
    if (s.isEmpty() || !s.matches("[0-7]{1,12}")) {
      throw new InvalidInputException("tar header has an invalid " + what + " field");
    }
    return Long.parseLong(s, 8);
  }

  private static long parseSize(String s) {
    if (!s.matches("[0-9]{1,18}")) {
      throw new InvalidInputException("tar PAX size is invalid");
    }
    return Long.parseLong(s);
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(Arrays.copyOfRange(b, off, end), StandardCharsets.UTF_8);
  }

  /** PAX records "LEN key=value\n": returns {path, size}. */
  private static String[] pax(byte[] data) {
    String[] out = new String[2];
    int i = 0;
    while (i < data.length) {
      int sp = i;
      while (sp < data.length && data[sp] != ' ') {
        sp++;
      }
      String lenText = new String(data, i, sp - i, StandardCharsets.US_ASCII);
      if (!lenText.matches("[0-9]{1,6}")) {
        throw new InvalidInputException("tar PAX header is malformed");
      }
      int len = Integer.parseInt(lenText);
      if (len <= sp - i + 1 || i + len > data.length || data[i + len - 1] != '\n') {
        throw new InvalidInputException("tar PAX header is malformed");
      }
      String rec = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
      int eq = rec.indexOf('=');
      if (eq > 0) {
        String key = rec.substring(0, eq);
        if (key.equals("path")) {
          out[0] = rec.substring(eq + 1);
        } else if (key.equals("size")) {
          out[1] = rec.substring(eq + 1);
        }
      }
      i += len;
    }
    return out;
  }

}
