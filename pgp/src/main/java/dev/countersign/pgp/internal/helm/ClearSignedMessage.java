package dev.countersign.pgp.internal.helm;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A parsed OpenPGP cleartext-signed message: the hash names from the {@code Hash:} headers, the text lines
 * (dash-escaping removed, trailing whitespace stripped; chars are bytes, ISO-8859-1), the binary signature packets
 * and whether the armor carried a CRC line.
 */
public record ClearSignedMessage(List<String> hashHeaders, List<String> lines, byte[] signature, boolean hadCrc) {
  public ClearSignedMessage {
    hashHeaders = List.copyOf(hashHeaders);
    lines = List.copyOf(lines);
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The text as the signer meant it: lines joined by LF, no final line ending. */
  public byte[] text() {
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The bytes the signature covers. */
  public byte[] signedBytes() {
    return CanonicalText.signedBytes(lines);
  }
}
