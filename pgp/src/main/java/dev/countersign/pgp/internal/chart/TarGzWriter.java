package dev.countersign.pgp.internal.chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a deterministic gzip-compressed tar: regular files only, mode 0644, uid/gid 0, empty owner names, one
 * modification time, PAX {@code path} records for names over 100 bytes; a gzip header with mtime 0, no name and
 * OS byte 255 (as Go's {@code compress/gzip} writes). The same entries give the same bytes.
 */
public final class TarGzWriter implements AutoCloseable {
  private final OutputStream out;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final CRC32 crc = new CRC32();
  private final byte[] buf = new byte[64 * 1024];
  private final long mtime;
  private long size;
  private int paxCount;

  /** Starts the gzip stream; {@code mtimeSeconds} is every entry's modification time. */
  public TarGzWriter(OutputStream out, long mtimeSeconds) throws IOException {
    this.out = out;
    this.mtime = mtimeSeconds;
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
  }

  /** Adds a regular file. */
  public void file(String name, byte[] content) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      byte[] record = paxRecord("path", name);
      tar(header("PaxHeaders.0/" + (paxCount++), record.length, 'x'));
      tar(record);
      tar(new byte[pad(record.length)]);
    }
    tar(header(name, content.length, '0'));
    tar(content);
    tar(new byte[pad(content.length)]);
  }

  private static int pad(long n) {
    return (int) ((512 - n % 512) % 512);
  }

  private static byte[] paxRecord(String key, String value) {
    int body = 1 + key.length() + 1 + value.getBytes(StandardCharsets.UTF_8).length + 1;
    int len = body + String.valueOf(body).length();
    if (String.valueOf(len).length() != String.valueOf(body).length()) {
      len++;
    }
    return (len + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private byte[] header(String name, long length, char type) {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
    ascii(h, 100, "0000644");
    ascii(h, 108, "0000000");
    ascii(h, 116, "0000000");
    ascii(h, 124, String.format("%011o", length));
    ascii(h, 136, String.format("%011o", mtime));
    h[156] = (byte) type;
    ascii(h, 257, "ustar");
    ascii(h, 263, "00");
    ascii(h, 329, "0000000");
    ascii(h, 337, "0000000");
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    }
    ascii(h, 148, String.format("%06o", sum));
    h[155] = ' ';
    return h;
  }

  private static void ascii(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }

  private void tar(byte[] data) throws IOException {
    crc.update(data);
    size += data.length;
    deflater.setInput(data);
    while (!deflater.needsInput()) {
      out.write(buf, 0, deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
    }
  }

  /** Writes the end-of-archive blocks and the gzip trailer; does not close the stream. */
  @Override
  public void close() throws IOException {
    tar(new byte[1024]);
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    long c = crc.getValue();
    for (int i = 0; i < 4; i++) {
      out.write((int) (c >>> (8 * i)));
    }
    for (int i = 0; i < 4; i++) {
      out.write((int) (size >>> (8 * i)));
    }
    out.flush();
  }
}
