package dev.countersign.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** SBOMs written by other tools, under src/test/resources/vectors/sbom-import (see NOTICE there). */
final class Vectors {
  private Vectors() {}

  static Path path(String name) {
    try {
      return Path.of(Vectors.class.getResource("/vectors/sbom-import/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing vector " + name, e);
    }
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
