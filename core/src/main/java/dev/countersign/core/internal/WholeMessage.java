package dev.countersign.core.internal;

import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a message whole, for pure Ed25519, which hashes the message twice and so cannot stream. Capped at
 * {@link #MAX_BYTES}; larger inputs fail with a clear message instead of exhausting the heap.
 */
public final class WholeMessage {
  /** Largest message pure Ed25519 will sign or verify: 512 MiB. */
  public static final long MAX_BYTES = 512L << 20;

  private WholeMessage() {}

  /** All of {@code in}, or {@link InvalidInputException} past {@link #MAX_BYTES}. */
  public static byte[] read(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        total += n;
        if (total > MAX_BYTES) {
          throw new InvalidInputException("pure Ed25519 signs the whole message and cannot stream it: messages over "
              + (MAX_BYTES >> 20) + " MiB are refused; use an ECDSA or RSA key for larger artifacts");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading message failed", e);
    }
    return out.toByteArray();
  }
}
