package dev.countersign.oci.internal.image;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal deterministic tar writer: POSIX ustar headers with uid/gid 0, empty user and group names and one
 * fixed mtime; names that do not fit ustar (longer than the name/prefix split allows, or not ASCII) and sizes of
 * 8 GiB or more get a PAX extended header, and nothing else does.
 */
public final class TarWriter {
  private static final int BLOCK = 512;
  private static final long MAX_OCTAL_SIZE = 077777777777L;

  private final OutputStream out;
  private final long mtime;

  /** Writes to {@code out} (not closed) with every entry's mtime set to {@code mtimeSeconds}. */
  public TarWriter(OutputStream out, long mtimeSeconds) {
    if (mtimeSeconds < 0 || mtimeSeconds > MAX_OCTAL_SIZE) {
      throw new InvalidInputException("tar mtime out of range: " + mtimeSeconds);
    }
    this.out = out;
    this.mtime = mtimeSeconds;
  }

  /** A directory entry; {@code name} without a trailing slash. */
  public void directory(String name, int mode) throws IOException {
    header(name + "/", '5', mode, 0, null);
  }

  /** A regular file of exactly {@code size} bytes read from {@code content}. */
  public void file(String name, int mode, long size, InputStream content) throws IOException {
    header(name, '0', mode, size, null);
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = content.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new InvalidInputException("file for " + name + " ended " + left + " bytes early (changed while read?)");
      }
      out.write(buf, 0, n);
      left -= n;
    }
    if (content.read() != -1) {
      throw new InvalidInputException("file for " + name + " grew while it was read");
    }
    pad(size);
  }

  /** A symbolic link to {@code target}. */
  public void symlink(String name, String target) throws IOException {
    header(name, '2', 0777, 0, target);
  }

  /** Writes the two zero blocks that end the archive. */
  public void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private void header(String name, char type, int mode, long size, String link) throws IOException {
    Map<String, String> pax = new LinkedHashMap<>();
    byte[] nameField = name.getBytes(StandardCharsets.UTF_8);
    byte[] prefixField = new byte[0];
    if (!isAscii(name) || nameField.length > 100) {
      int split = splitPoint(name);
      if (isAscii(name) && split > 0) {
        prefixField = name.substring(0, split).getBytes(StandardCharsets.US_ASCII);
        nameField = name.substring(split + 1).getBytes(StandardCharsets.US_ASCII);
      } else {
        pax.put("path", name);
        nameField = fallbackName(name);
      }
    }
    byte[] linkField = link == null ? new byte[0] : link.getBytes(StandardCharsets.UTF_8);
    if (link != null && (!isAscii(link) || linkField.length > 100)) {
      pax.put("linkpath", link);
      linkField = new byte[0];
    }
    long headerSize = size;
    if (size > MAX_OCTAL_SIZE) {
      pax.put("size", Long.toString(size));
      headerSize = 0;
    }
    if (!pax.isEmpty()) {
      byte[] records = paxRecords(pax);
      byte[] paxName = ("PaxHeaders.0/" + new String(fallbackName(name), StandardCharsets.US_ASCII))
          .getBytes(StandardCharsets.US_ASCII);
      writeHeader(Arrays.copyOf(paxName, Math.min(paxName.length, 100)), new byte[0], 'x', 0644, records.length,
          new byte[0]);
      out.write(records);
      pad(records.length);
    }
    writeHeader(nameField, prefixField, type, mode, headerSize, linkField);
  }

  private void writeHeader(byte[] name, byte[] prefix, char type, int mode, long size, byte[] link)
      throws IOException {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
    octal(h, 100, 8, mode & 07777);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    Arrays.fill(h, 148, 156, (byte) ' ');
    h[156] = (byte) type;
    System.arraycopy(link, 0, h, 157, Math.min(link.length, 100));
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    System.arraycopy(prefix, 0, h, 345, Math.min(prefix.length, 155));
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    byte[] chk = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, h, 148, 6);
    h[154] = 0;
    h[155] = ' ';
    out.write(h);
  }

  /** {@code len - 1} octal digits and a NUL. */
  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(len - 1 - s.length()) + s;
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    h[off + len - 1] = 0;
  }

  private static byte[] paxRecords(Map<String, String> pax) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : pax.entrySet()) {
      int body = (" " + e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8).length;
      int len = body + Integer.toString(body).length();
      if (Integer.toString(len).length() != Integer.toString(body).length()) {
        len++;
      }
      sb.append(len).append(' ').append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Index of a '/' that splits {@code name} into a prefix of at most 155 and a name of at most 100 bytes. */
  private static int splitPoint(String name) {
    for (int i = Math.min(name.length() - 1, 155); i > 0; i--) {
      if (name.charAt(i) == '/' && name.length() - i - 1 <= 100 && name.length() - i - 1 > 0) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] fallbackName(String name) {
    StringBuilder sb = new StringBuilder();
    for (char c : name.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? c : '_');
    }
    String s = sb.length() > 100 ? sb.substring(sb.length() - 100) : sb.toString();
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  private void pad(long size) throws IOException {
    int rem = (int) (size % BLOCK);
    if (rem != 0) {
      out.write(new byte[BLOCK - rem]);
    }
  }
}
