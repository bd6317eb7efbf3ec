package dev.countersign.sbom;

import java.util.Objects;

/**
 * Something the generator skipped or could not read in one place (a layer entry, a package database stanza), with
 * the rest of the SBOM still produced. {@code path} is the rootfs-relative file path or a layer name.
 */
public record SbomWarning(String path, String message) {
  public SbomWarning {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
