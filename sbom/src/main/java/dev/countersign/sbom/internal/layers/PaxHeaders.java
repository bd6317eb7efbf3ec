package dev.countersign.sbom.internal.layers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The PAX extended header records the walker uses: {@code path}, {@code linkpath}, {@code size}. */
final class PaxHeaders {
  String path;
  String linkPath;
  long size = -1;

  private PaxHeaders() {}

  /** Parses {@code "LEN key=value\n"} records; a malformed record fails the archive. */
  static PaxHeaders parse(byte[] data) throws IOException {
    PaxHeaders h = new PaxHeaders();
    int pos = 0;
    while (pos < data.length) {
      int sp = pos;
      long len = 0;
      while (sp < data.length && data[sp] >= '0' && data[sp] <= '9' && len < data.length) {
        len = len * 10 + (data[sp++] - '0');
      }
      if (sp >= data.length || data[sp] != ' ' || len <= sp - pos || pos + len > data.length
          || data[(int) (pos + len - 1)] != '\n') {
        throw new IOException("malformed PAX extended header record");
      }
      String record = new String(data, sp + 1, (int) (pos + len - sp - 2), StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq <= 0) {
        throw new IOException("malformed PAX extended header record");
      }
      String key = record.substring(0, eq);
      String value = record.substring(eq + 1);
      if (key.equals("path")) {
        h.path = value;
      } else if (key.equals("linkpath")) {
        h.linkPath = value;
      } else if (key.equals("size")) {
        try {
          h.size = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException("PAX size is not a number");
        }
        if (h.size < 0) {
          throw new IOException("PAX size is negative");
        }
      }
      pos += (int) len;
    }
    return h;
  }
}
