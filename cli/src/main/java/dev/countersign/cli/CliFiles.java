package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on files named on the command line, so a missing file is a usage error with a clear message. */
final class CliFiles {
  private CliFiles() {}

  static Path requireReadable(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidInputException("cannot read " + file + ": no such readable file");
    }
    return file;
  }
}
