package dev.countersign.oci.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentCacheTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Digest sha(byte[] b) {
    return Digest.compute(DigestAlgorithm.SHA256, b);
  }

  @Test
  void keepsOnlyContentThatHashesToItsDigest() {
    ContentCache c = new ContentCache(1 << 20);
    byte[] real = bytes("payload");
    assertFalse(c.put("r/a#blobs", sha(bytes("other")), null, real), "wrong digest is refused");
    assertTrue(c.get("r/a#blobs", sha(bytes("other"))).isEmpty());
    assertTrue(c.put("r/a#blobs", sha(real), "t/x", real));
    ContentCache.Entry e = c.get("r/a#blobs", sha(real)).orElseThrow();
    assertArrayEquals(real, e.bytes());
    assertEquals("t/x", e.mediaType());
    e.bytes()[0] = 'X';
    assertArrayEquals(real, c.get("r/a#blobs", sha(real)).orElseThrow().bytes(), "callers get copies");
    real[0] = 'Y';
    assertEquals('p', c.get("r/a#blobs", sha(bytes("payload"))).orElseThrow().bytes()[0], "the cache keeps a copy");
  }

  @Test
  void entriesArePerRepository() {
    ContentCache c = new ContentCache(1 << 20);
    byte[] b = bytes("x");
    c.put("reg/a#blobs", sha(b), null, b);
    assertTrue(c.get("reg/b#blobs", sha(b)).isEmpty());
    assertTrue(c.get("reg/a#manifests", sha(b)).isEmpty());
  }

  @Test
  void boundedByBytesLeastRecentlyUsedOut() {
    ContentCache c = new ContentCache(100);
    byte[] a = new byte[40];
    byte[] b = new byte[40];
    b[0] = 1;
    byte[] d = new byte[40];
    d[0] = 2;
    c.put("r", sha(a), null, a);
    c.put("r", sha(b), null, b);
    c.get("r", sha(a));
    c.put("r", sha(d), null, d);
    assertEquals(80, c.size());
    assertTrue(c.get("r", sha(b)).isEmpty(), "least recently used goes first");
    assertTrue(c.get("r", sha(a)).isPresent());
    assertFalse(c.put("r", sha(new byte[101]), null, new byte[101]), "larger than the whole cache");
    assertFalse(c.accepts(ContentCache.MAX_ENTRY_BYTES + 1L));
    c.remove("r", sha(a));
    assertEquals(40, c.size());
  }

  @Test
  void zeroCapacityKeepsNothing() {
    ContentCache c = new ContentCache(0);
    byte[] b = bytes("x");
    assertFalse(c.accepts(1));
    assertFalse(c.put("r", sha(b), null, b));
    assertTrue(c.get("r", sha(b)).isEmpty());
  }
}
