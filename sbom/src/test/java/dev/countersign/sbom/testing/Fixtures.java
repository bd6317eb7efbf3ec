package dev.countersign.sbom.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test fixtures from {@code src/test/resources/fixtures} (see the NOTICE there). */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** The dpkg status text without the stanza of {@code pkg} (as dpkg rewrites it when the package is purged). */
  public static String statusWithout(String status, String pkg) {
    StringBuilder out = new StringBuilder();
    for (String stanza : status.split("\n\n")) {
      if (!stanza.startsWith("Package: " + pkg + "\n")) {
        out.append(stanza).append("\n\n");
      }
    }
    return out.toString().replaceAll("\n+$", "\n");
  }
}
