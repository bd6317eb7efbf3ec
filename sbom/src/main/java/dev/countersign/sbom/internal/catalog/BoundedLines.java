package dev.countersign.sbom.internal.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines of at most {@code maxLineBytes}; a longer line is skipped to its end without being held, and
 * reported with {@link #lastLineTooLong()} (its content is returned empty). Memory stays bounded whatever the
 * input. Line numbers count from 1.
 */
public final class BoundedLines {
  private final InputStream in;
  private final byte[] line;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int limit;
  private int number;
  private boolean tooLong;

  public BoundedLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.line = new byte[maxLineBytes];
  }

  /** The next line without its terminator, or null at the end. */
  public String next() {
    int len = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      byte b = buf[pos++];
      if (b == '\n') {
        break;
      }
      if (len < line.length) {
        line[len++] = b;
      } else {
        tooLong = true;
      }
    }
    number++;
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    return tooLong ? "" : new String(line, 0, len, StandardCharsets.UTF_8);
  }

  /** Whether the line {@link #next()} just returned was longer than the limit (and returned empty). */
  public boolean lastLineTooLong() {
    return tooLong;
  }

  public int lineNumber() {
    return number;
  }

  private boolean fill() {
    try {
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
