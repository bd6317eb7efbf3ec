package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Password handling that never makes a {@link String} of a password: UTF-8 encoding and zeroing. */
public final class Passwords {
  private Passwords() {}

  /** The UTF-8 bytes of {@code password}, in a fresh array the caller zeroes; intermediate buffers are zeroed. */
  public static byte[] utf8(char[] password) {
    CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buf = null;
    try {
      buf = enc.encode(CharBuffer.wrap(password));
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("the password is not valid Unicode (unpaired surrogate)");
    } finally {
      if (buf != null && buf.hasArray()) {
        Arrays.fill(buf.array(), (byte) 0);
      }
    }
  }

  /** Zeroes {@code password} if it is not null. */
  public static void zero(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
