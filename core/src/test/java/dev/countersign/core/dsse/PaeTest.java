package dev.countersign.core.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaeTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encodesTheDsseSpecVector() {
    assertArrayEquals(utf8("DSSEv1 29 http://example.com/HelloWorld 11 hello world"),
        Pae.encode("http://example.com/HelloWorld", utf8("hello world")));
  }

  @Test
  void countsUtf8BytesNotCharacters() {
    // "t/é€" is 7 UTF-8 bytes ("é" 2, "€" 3); the body holds 4 bytes, a newline and a NUL among them.
    assertArrayEquals(utf8("DSSEv1 7 t/é€ 4 a\nb\u0000"), Pae.encode("t/é€", utf8("a\nb\u0000")));
  }

  @Test
  void encodesEmptyTypeAndBody() {
    assertArrayEquals(utf8("DSSEv1 0  0 "), Pae.encode("", new byte[0]));
  }
}
