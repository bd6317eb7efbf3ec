package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on files named on the command line, so a missing file is a usage error with a clear message. */
final class CliFiles {
  private static final long MAX_SMALL_FILE = 16L << 20;

  private CliFiles() {}

  /** Reads a small input file (a key, a signature, a bundle) whole, refusing more than {@code 16 MiB}. */
  static byte[] readAll(Path file) {
    requireReadable(file);
    try {
      if (Files.size(file) > MAX_SMALL_FILE) {
        throw new InvalidInputException(file + " is larger than 16 MiB; this is not a key, signature or bundle");
      }
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static Path requireReadable(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidInputException("cannot read " + file + ": no such readable file");
    }
    return file;
  }
}
