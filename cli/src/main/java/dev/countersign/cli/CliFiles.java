package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files named on the command line: a missing, unreadable or unwritable file is a usage error with a clear message. */
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
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + reason(e), e);
    }
  }

  static Path requireReadable(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidInputException("cannot read " + file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException("cannot read " + file + ": it is a directory");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidInputException("cannot read " + file + ": not a readable file");
    }
    return file;
  }

  /** Writes {@code text} to {@code file} (created or replaced); a failure names the file and the reason. */
  static void write(Path file, String text, Charset charset) {
    try {
      Files.writeString(file, text, charset);
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + file + ": " + reason(e), e);
    }
  }

  /** The reason of an I/O failure in words (the JDK's messages for these are only the path). */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
