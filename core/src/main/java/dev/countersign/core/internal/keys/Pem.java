package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Strict RFC 7468 PEM: finds the first {@code -----BEGIN <label>-----} block (text before it is ignored, as
 * openssl and Go ignore it), requires the matching END line and decodes the base64 body. Legacy OpenSSL
 * encryption headers ({@code Proc-Type}, {@code DEK-Info}) are refused with advice. Writes 64-character lines.
 */
public final class Pem {
  /** Largest key file read, 1 MiB; bigger input is refused before it is parsed. */
  public static final int MAX_BYTES = 1 << 20;

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private Pem() {}

  /** One PEM block: its label and the decoded DER bytes (owned by the caller, who may zero them). */
  public record Block(String label, byte[] der) {
    @Override
    public String toString() {
      return "PEM " + label + " (" + der.length + " bytes)";
    }
  }

  /** The label of the first PEM block, if {@code data} has a well-formed BEGIN line; the body is not decoded. */
  public static Optional<String> firstLabel(byte[] data) {
    checkSize(data, "input");
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int begin = findBegin(text);
    if (begin < 0) {
      return Optional.empty();
    }
    int close = text.indexOf(DASHES, begin + BEGIN.length());
    int eol = lineEnd(text, begin);
    if (close < 0 || close + DASHES.length() > eol) {
      return Optional.empty();
    }
    return Optional.of(text.substring(begin + BEGIN.length(), close));
  }

  /** Decodes the first PEM block of {@code data}; {@code source} names the input in messages. */
  public static Block decode(byte[] data, String source) {
    checkSize(data, source);
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int begin = findBegin(text);
    if (begin < 0) {
      throw new InvalidInputException(source + " is not PEM: no '-----BEGIN ...-----' line");
    }
    int close = text.indexOf(DASHES, begin + BEGIN.length());
    int eol = lineEnd(text, begin);
    if (close < 0 || close + DASHES.length() > eol) {
      throw new InvalidInputException(source + ": malformed PEM BEGIN line");
    }
    String label = text.substring(begin + BEGIN.length(), close);
    if (!validLabel(label)) {
      throw new InvalidInputException(source + ": malformed PEM label");
    }
    String endLine = END + label + DASHES;
    int end = text.indexOf(endLine, eol);
    if (end < 0) {
      throw new InvalidInputException(source + ": PEM block " + label + " has no matching END line (truncated?)");
    }
    String body = text.substring(eol, end);
    if (body.contains(":")) {
      if (body.contains("Proc-Type") || body.contains("DEK-Info")) {
        throw new InvalidInputException(source + ": legacy OpenSSL PEM encryption (Proc-Type/DEK-Info headers) is"
            + " not supported; convert it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'");
      }
      throw new InvalidInputException(source + ": PEM headers are not supported");
    }
    StringBuilder b64 = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
        b64.append(c);
      }
    }
    if (b64.length() == 0) {
      throw new InvalidInputException(source + ": PEM block " + label + " is empty");
    }
    try {
      return new Block(label, Base64.getDecoder().decode(b64.toString()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(source + ": PEM block " + label + " has invalid base64");
    }
  }

  /** A PEM block with {@code label}, standard base64 in 64-character lines, each line ending in {@code \n}. */
  public static String encode(String label, byte[] der) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder s = new StringBuilder(b64.length() + b64.length() / 64 + 2 * label.length() + 40);
    s.append(BEGIN).append(label).append(DASHES).append('\n');
    for (int i = 0; i < b64.length(); i += 64) {
      s.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    s.append(END).append(label).append(DASHES).append('\n');
    return s.toString();
  }

  /** Throws when {@code data} is null or larger than {@link #MAX_BYTES}. */
  public static void checkSize(byte[] data, String source) {
    if (data == null) {
      throw new InvalidInputException(source + ": no key data");
    }
    if (data.length > MAX_BYTES) {
      throw new InvalidInputException(source + " is " + data.length + " bytes; key files over " + MAX_BYTES
          + " bytes are refused");
    }
  }

  private static int findBegin(String text) {
    int i = text.indexOf(BEGIN);
    while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
      i = text.indexOf(BEGIN, i + 1);
    }
    return i;
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl + 1;
  }

  private static boolean validLabel(String label) {
    if (label.isEmpty() || label.length() > 64) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != ' ' && c != '#' && c != '-') {
        return false;
      }
    }
    return true;
  }
}
