package dev.countersign.sbom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar archives byte by byte for hostile-layer tests: any name (including {@code ../} and absolute ones),
 * symlinks, hard links, GNU long names and PAX paths; ImageBuilder normalises names and cannot write these.
 */
public final class RawTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public RawTar file(String name, byte[] content) {
    header(name, '0', content.length, "");
    out.writeBytes(content);
    pad(content.length);
    return this;
  }

  public RawTar file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public RawTar dir(String name) {
    header(name, '5', 0, "");
    return this;
  }

  public RawTar symlink(String name, String target) {
    header(name, '2', 0, target);
    return this;
  }

  public RawTar hardLink(String name, String target) {
    header(name, '1', 0, target);
    return this;
  }

  /** A GNU long-name entry ({@code ././@LongLink}, type L) followed by the file. */
  public RawTar gnuLongFile(String name, String content) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    header("././@LongLink", 'L', n.length, "");
    out.writeBytes(n);
    pad(n.length);
    return file(name.substring(0, 50), content);
  }

  /** A PAX header with {@code path} followed by a file whose ustar name is different. */
  public RawTar paxFile(String path, String content) {
    String rec = "path=" + path + "\n";
    int len = rec.length() + 3;
    len = rec.length() + String.valueOf(len).length() + 1;
    byte[] pax = (len + " " + rec).getBytes(StandardCharsets.UTF_8);
    header("PaxHeaders/x", 'x', pax.length, "");
    out.writeBytes(pax);
    pad(pax.length);
    return file("short-name", content);
  }

  public byte[] tar() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  public byte[] gzip() {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(tar());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gz.toByteArray();
  }

  /** A ustar header block for {@code name} (at most 100 bytes) of {@code size} bytes. */
  public static byte[] headerBlock(String name, char type, long size, String link) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, "00000000000");
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum) + "\0 ");
    return h;
  }

  private void header(String name, char type, long size, String link) {
    out.writeBytes(headerBlock(name, type, size, link));
  }

  private void pad(long size) {
    out.writeBytes(new byte[(int) ((512 - size % 512) % 512)]);
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > len) {
      throw new IllegalArgumentException("field too long: " + s);
    }
    System.arraycopy(b, 0, h, off, b.length);
  }
}
