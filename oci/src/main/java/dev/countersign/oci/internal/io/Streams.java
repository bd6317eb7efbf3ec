package dev.countersign.oci.internal.io;

import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading small documents (payloads, bundles) from streams with a hard size cap. */
public final class Streams {
  private Streams() {}

  /** Reads at most {@code maxBytes} from {@code in} (closed afterwards); more is an error. */
  public static byte[] readCapped(InputStream in, int maxBytes, String what) {
    try (InputStream s = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = s.read(buf)) != -1; ) {
        if (out.size() + n > maxBytes) {
          throw new InvalidInputException(what + " exceeds the " + maxBytes + "-byte limit");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }
}
