package dev.countersign.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads test vectors from the classpath. */
final class TestResources {
  private TestResources() {}

  static byte[] bytes(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] helm(String name) {
    return bytes("vectors/helm/provenance/" + name);
  }
}
