package dev.countersign.testing.internal;

import dev.countersign.oci.OciLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A temporary OCI layout in its own directory, deleted with everything in it on {@link #close()}. */
public final class TempLayout implements AutoCloseable {
  private final Path dir;
  private final OciLayout layout;

  private TempLayout(Path dir) {
    this.dir = dir;
    this.layout = OciLayout.create(dir.resolve("layout"));
  }

  /** Creates the directory and an empty layout in it. */
  public static TempLayout create() {
    try {
      return new TempLayout(Files.createTempDirectory("countersign-layout-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary OCI layout", e);
    }
  }

  public OciLayout layout() {
    return layout;
  }

  @Override
  public void close() throws IOException {
    deleteTree(dir);
  }

  /** Deletes {@code root} and everything under it, not following links; a missing root is fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        Files.delete(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
