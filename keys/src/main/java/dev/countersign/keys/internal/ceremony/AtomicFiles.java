package dev.countersign.keys.internal.ceremony;

import dev.countersign.core.CountersignException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file by writing a temporary file in the same directory and moving it into place atomically. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path dir, String name, byte[] content) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
      Files.write(tmp, content);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException e) {
      throw new CountersignException("cannot write " + name + " in " + dir + ": " + e.getClass().getSimpleName(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named *.tmp
        }
      }
    }
  }
}
