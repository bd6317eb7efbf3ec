package dev.countersign.pgp.internal.helm;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict reader of one OpenPGP cleartext-signed message (RFC 4880 §7): nothing before or after it but
 * whitespace, only {@code Hash:} headers, dash-escaped text, one signature armor with an optional CRC (checked
 * when present) and an optional blank line after its headers.
 */
public final class ClearSignedReader {
  /** Largest message accepted. */
  public static final int MAX_BYTES = 1 << 20;
  private static final Pattern HASH_HEADER = Pattern.compile("Hash: *([A-Za-z0-9-]+( *, *[A-Za-z0-9-]+)*)");
  private static final Pattern ARMOR_HEADER = Pattern.compile("[A-Za-z][A-Za-z0-9-]*: .*");
  private static final Pattern CRC = Pattern.compile("=[A-Za-z0-9+/]{4}");

  private ClearSignedReader() {}

  public static ClearSignedMessage read(byte[] input) {
    if (input.length > MAX_BYTES) {
      throw new InvalidInputException("clearsigned message is " + input.length + " bytes, more than the "
          + MAX_BYTES + " allowed");
    }
    String[] raw = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
    int i = 0;
    if (!armorLine(raw, i).equals(ClearSignedWriter.BEGIN_MESSAGE)) {
      throw new InvalidInputException(new String(input, StandardCharsets.ISO_8859_1)
          .contains(ClearSignedWriter.BEGIN_MESSAGE)
          ? "text before '" + ClearSignedWriter.BEGIN_MESSAGE + "'"
          : "not a clearsigned message: it does not start with '" + ClearSignedWriter.BEGIN_MESSAGE + "'");
    }
    i++;
    List<String> hashes = new ArrayList<>();
    for (; ; i++) {
      if (i >= raw.length) {
        throw new InvalidInputException("truncated clearsigned message: no blank line after the headers");
      }
      String h = armorLine(raw, i);
      if (h.isEmpty()) {
        i++;
        break;
      }
      var m = HASH_HEADER.matcher(h);
      if (!m.matches()) {
        throw new InvalidInputException("line " + (i + 1) + ": only 'Hash:' headers are allowed in a clearsigned "
            + "message");
      }
      for (String name : m.group(1).split(",")) {
        hashes.add(name.trim().toUpperCase(Locale.ROOT));
      }
    }
    List<String> lines = new ArrayList<>();
    for (; ; i++) {
      if (i >= raw.length) {
        throw new InvalidInputException("truncated clearsigned message: no '" + ClearSignedWriter.BEGIN_SIGNATURE
            + "' line");
      }
      String line = raw[i];
      if (armorLine(raw, i).equals(ClearSignedWriter.BEGIN_SIGNATURE)) {
        i++;
        break;
      }
      if (line.startsWith("- ")) {
        line = line.substring(2);
      } else if (line.startsWith("-")) {
        throw new InvalidInputException("line " + (i + 1) + (armorLine(raw, i).equals(ClearSignedWriter.BEGIN_MESSAGE)
            ? ": a second signed message starts inside the first"
            : ": a line starting with '-' is not dash-escaped"));
      }
      lines.add(CanonicalText.stripTrailing(line, i + 1));
    }
    return new ClearSignedMessage(hashes, lines, readArmor(raw, i), hadCrc(raw, i));
  }

  private static boolean hadCrc(String[] raw, int from) {
    for (int i = from; i < raw.length; i++) {
      if (CRC.matcher(armorLine(raw, i)).matches()) {
        return true;
      }
      if (armorLine(raw, i).equals(ClearSignedWriter.END_SIGNATURE)) {
        return false;
      }
    }
    return false;
  }

  private static byte[] readArmor(String[] raw, int i) {
    boolean headers = false;
    while (i < raw.length && ARMOR_HEADER.matcher(armorLine(raw, i)).matches()) {
      headers = true;
      i++;
    }
    if (i < raw.length && armorLine(raw, i).isEmpty()) {
      i++;
    } else if (headers) {
      throw new InvalidInputException("line " + (i + 1) + ": no blank line after the signature armor headers");
    }
    StringBuilder b64 = new StringBuilder();
    String crc = null;
    for (; ; i++) {
      if (i >= raw.length) {
        throw new InvalidInputException("truncated signature armor: no '" + ClearSignedWriter.END_SIGNATURE
            + "' line");
      }
      String line = armorLine(raw, i);
      if (line.equals(ClearSignedWriter.END_SIGNATURE)) {
        i++;
        break;
      }
      if (crc != null) {
        throw new InvalidInputException("line " + (i + 1) + ": text between the armor checksum and the END line");
      }
      if (line.startsWith("=") && CRC.matcher(line).matches()) {
        crc = line.substring(1);
      } else if (line.isEmpty() || line.startsWith("-")) {
        throw new InvalidInputException("line " + (i + 1) + ": unexpected line in the signature armor");
      } else {
        b64.append(line);
      }
    }
    for (; i < raw.length; i++) {
      String rest = armorLine(raw, i);
      if (!rest.isEmpty()) {
        throw new InvalidInputException("line " + (i + 1) + (rest.startsWith(ClearSignedWriter.BEGIN_SIGNATURE)
            || rest.startsWith(ClearSignedWriter.BEGIN_MESSAGE)
            ? ": a second armored block follows the signature; only one signed block is allowed"
            : ": text after the signature block"));
      }
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("signature armor is not valid base64");
    }
    if (signature.length == 0) {
      throw new InvalidInputException("signature armor is empty");
    }
    if (crc != null && !Arrays.equals(Base64.getDecoder().decode(crc), Crc24.bytes(Crc24.of(signature)))) {
      throw new InvalidInputException("signature armor checksum (CRC-24) does not match its content");
    }
    return signature;
  }

  /** The line with its line ending and trailing whitespace removed, for armor comparisons. */
  private static String armorLine(String[] raw, int i) {
    if (i >= raw.length) {
      return "";
    }
    String s = raw[i];
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
