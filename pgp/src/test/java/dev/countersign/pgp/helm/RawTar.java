package dev.countersign.pgp.helm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Builds tar archives with any header, including hostile ones, and streamed gzip bombs, for tests. */
final class RawTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static byte[] header(String name, char type, long size, String link) {
    byte[] h = new byte[512];
    put(h, 0, name.getBytes(StandardCharsets.UTF_8), 100);
    put(h, 100, "0000644\0".getBytes(StandardCharsets.US_ASCII), 8);
    put(h, 108, "0000000\0".getBytes(StandardCharsets.US_ASCII), 8);
    put(h, 116, "0000000\0".getBytes(StandardCharsets.US_ASCII), 8);
    put(h, 124, String.format("%011o\0", size).getBytes(StandardCharsets.US_ASCII), 12);
    put(h, 136, "00000000000\0".getBytes(StandardCharsets.US_ASCII), 12);
    h[156] = (byte) type;
    put(h, 157, link.getBytes(StandardCharsets.UTF_8), 100);
    put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII), 6);
    put(h, 263, "00".getBytes(StandardCharsets.US_ASCII), 2);
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    }
    put(h, 148, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 8);
    return h;
  }

  private static void put(byte[] h, int off, byte[] v, int max) {
    System.arraycopy(v, 0, h, off, Math.min(v.length, max));
  }

  RawTar file(String name, String content) {
    return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
  }

  RawTar entry(String name, char type, byte[] content, String link) {
    out.writeBytes(header(name, type, content.length, link));
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    return this;
  }

  byte[] tar() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(out.toByteArray());
    b.writeBytes(new byte[1024]);
    return b.toByteArray();
  }

  byte[] tgz() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(tar());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /**
   * A gzip stream generated lazily: {@code prefix} then zeros up to {@code total} decompressed bytes, never held
   * in memory; {@code headerEvery} &gt; 0 inserts a tar file header of that size at each such boundary.
   */
  static InputStream gzipBomb(long total, int headerEvery) {
    return new InputStream() {
      private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
      private final CRC32 crc = new CRC32();
      private final byte[] zeros = new byte[1 << 20];
      private byte[] buf = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
      private int pos;
      private long fed;
      private int entry;
      private boolean done;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        while (pos >= buf.length) {
          if (done) {
            return -1;
          }
          refill();
        }
        int n = Math.min(len, buf.length - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }

      private void refill() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        if (fed < total) {
          byte[] input = zeros;
          if (headerEvery > 0 && fed % (headerEvery + 512L) == 0) {
            input = header("bomb/f" + (entry++), '0', headerEvery, "");
          } else if (headerEvery == 0 && fed == 0) {
            input = header("bomb/big", '0', total, "");
          }
          int n = (int) Math.min(input.length, total - fed);
          if (headerEvery > 0) {
            long inEntry = fed % (headerEvery + 512L);
            if (inEntry != 0) {
              n = (int) Math.min(n, headerEvery + 512L - inEntry);
            }
          }
          deflater.setInput(input, 0, n);
          crc.update(input, 0, n);
          fed += n;
          while (!deflater.needsInput()) {
            o.write(chunk, 0, deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH));
          }
        } else {
          deflater.finish();
          while (!deflater.finished()) {
            o.write(chunk, 0, deflater.deflate(chunk));
          }
          long c = crc.getValue();
          long size = fed;
          for (int i = 0; i < 4; i++) {
            o.write((int) (c >> (8 * i)));
          }
          for (int i = 0; i < 4; i++) {
            o.write((int) (size >> (8 * i)));
          }
          done = true;
        }
        buf = o.toByteArray();
        pos = 0;
      }
    };
  }
}
