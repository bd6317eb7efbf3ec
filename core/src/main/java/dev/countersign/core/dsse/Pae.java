package dev.countersign.core.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The DSSE v1 Pre-Authentication Encoding, the bytes a DSSE signature covers:
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in ASCII decimal bytes and the type in UTF-8.
 */
public final class Pae {
  private Pae() {}

  /** PAE of {@code payloadType} and the (decoded) payload {@code body}. */
  public static byte[] encode(String payloadType, byte[] body) {
    byte[] type = Objects.requireNonNull(payloadType, "payloadType").getBytes(StandardCharsets.UTF_8);
    Objects.requireNonNull(body, "body");
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + body.length + 32);
    out.writeBytes("DSSEv1 ".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(type);
    out.write(' ');
    out.writeBytes(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(body);
    return out.toByteArray();
  }
}
