package dev.countersign.pgp.internal.helm;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text as an OpenPGP canonical-text signature sees it (RFC 4880 §7.1): lines without trailing spaces or tabs,
 * joined by CRLF, the last line without a line ending. Strings here hold bytes one char each (ISO-8859-1), so
 * any encoding of the text survives unchanged.
 */
public final class CanonicalText {
  private CanonicalText() {}

  /**
   * Splits {@code text} into lines at LF (a CR before the LF belongs to the line ending), drops the empty piece
   * after a final line ending and strips trailing spaces and tabs. A CR elsewhere is rejected: signers disagree
   * on what it means.
   */
  public static List<String> lines(byte[] text) {
    String s = new String(text, StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    int start = 0;
    while (true) {
      int lf = s.indexOf('\n', start);
      if (lf < 0) {
        if (start < s.length() || out.isEmpty()) {
          out.add(stripTrailing(s.substring(start), out.size() + 1));
        }
        return out;
      }
      out.add(stripTrailing(s.substring(start, lf), out.size() + 1));
      start = lf + 1;
    }
  }

  /** The bytes a canonical-text signature covers: {@code lines} joined by CRLF. */
  public static byte[] signedBytes(List<String> lines) {
    return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  static String stripTrailing(String line, int lineNumber) {
    int end = line.length();
    while (end > 0) {
      char c = line.charAt(end - 1);
      if (c == ' ' || c == '\t' || c == '\r') {
        end--;
      } else {
        break;
      }
    }
    String stripped = line.substring(0, end);
    if (stripped.indexOf('\r') >= 0) {
      throw new InvalidInputException("line " + lineNumber + " of the text contains a carriage return that does "
          + "not end the line");
    }
    return stripped;
  }
}
