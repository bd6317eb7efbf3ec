package dev.countersign.pgp.internal.helm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Writes a cleartext-signed message byte for byte the way Helm (Go's {@code clearsign}) does: LF line endings,
 * no armor headers, 64-column base64, an optional CRC line, and no newline after the END line. Bouncy Castle's
 * {@code ArmoredOutputStream} is not used: it adds a Version header and platform line separators.
 */
public final class ClearSignedWriter {
  static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
  static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
  private static final int LINE = 64;

  private ClearSignedWriter() {}

  /**
   * The armored message for canonical {@code lines} (see {@link CanonicalText#lines}) signed by
   * {@code signature} (binary packets), with {@code hashName} in the Hash header.
   */
  public static byte[] write(String hashName, List<String> lines, byte[] signature, boolean withCrc) {
    StringBuilder out = new StringBuilder(BEGIN_MESSAGE).append('\n');
    out.append("Hash: ").append(hashName).append("\n\n");
    for (String line : lines) {
      if (line.startsWith("-")) {
        out.append("- ");
      }
      out.append(line).append('\n');
    }
    out.append(BEGIN_SIGNATURE).append("\n\n");
    String b64 = Base64.getEncoder().encodeToString(signature);
    for (int i = 0; i < b64.length(); i += LINE) {
      out.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
    }
    if (withCrc) {
      out.append('=').append(Base64.getEncoder().encodeToString(Crc24.bytes(Crc24.of(signature)))).append('\n');
    }
    out.append(END_SIGNATURE);
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
