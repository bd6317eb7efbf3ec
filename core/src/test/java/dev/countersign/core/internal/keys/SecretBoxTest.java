package dev.countersign.core.internal.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] NONCE = new byte[24];

  static {
    for (int i = 0; i < 32; i++) {
      KEY[i] = (byte) i;
    }
    for (int i = 0; i < 24; i++) {
      NONCE[i] = (byte) (100 + i);
    }
  }

  /** Known answers recorded from PyNaCl (libsodium crypto_secretbox), key 00..1f, nonce 64..7b. */
  @Test
  void matchesLibsodium() {
    byte[] msg = "countersign secretbox known answer".getBytes(StandardCharsets.US_ASCII);
    byte[] expected = HexFormat.of().parseHex("527f9e337b4ff8cedb39798e5c7e63d561d6eca74ed3bc9ad99a4db444e1c06a"
        + "5bde5ac89c862075c97b2cb46be5baffcd1d");
    assertArrayEquals(expected, SecretBox.seal(KEY, NONCE, msg));
    assertArrayEquals(msg, SecretBox.open(KEY, NONCE, expected).orElseThrow());
    assertArrayEquals(HexFormat.of().parseHex("f49572d6194281e3c87fbb4e2106932c"), SecretBox.seal(KEY, NONCE, new byte[0]));
  }

  @Test
  void everyAlteredByteIsDetected() {
    byte[] box = SecretBox.seal(KEY, NONCE, new byte[100]);
    for (int i = 0; i < box.length; i++) {
      byte[] altered = box.clone();
      altered[i] ^= 0x40;
      assertTrue(SecretBox.open(KEY, NONCE, altered).isEmpty(), "byte " + i);
    }
    byte[] otherKey = KEY.clone();
    otherKey[31] ^= 1;
    assertTrue(SecretBox.open(otherKey, NONCE, box).isEmpty());
    assertEquals(100, SecretBox.open(KEY, NONCE, box).orElseThrow().length);
  }

  @Test
  void refusesBadSizes() {
    assertThrows(IllegalArgumentException.class, () -> SecretBox.open(KEY, NONCE, new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> SecretBox.seal(new byte[16], NONCE, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> SecretBox.seal(KEY, new byte[8], new byte[1]));
  }

  /** Messages longer than one 64-byte Salsa20 block, at the boundaries, decrypt back (keystream continuity). */
  @Test
  void roundTripsAcrossBlockBoundaries() {
    for (int n : new int[] {1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000}) {
      byte[] msg = new byte[n];
      for (int i = 0; i < n; i++) {
        msg[i] = (byte) (i * 7);
      }
      assertArrayEquals(msg, SecretBox.open(KEY, NONCE, SecretBox.seal(KEY, NONCE, msg)).orElseThrow());
    }
  }
}
