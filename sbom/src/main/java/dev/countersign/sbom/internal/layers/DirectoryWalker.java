package dev.countersign.sbom.internal.layers;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Walks an unpacked root filesystem without following symlinks, sending wanted regular files
 * (bounded) and wanted symlinks to a {@link FileSink}. Unreadable files are warnings.
 */
public final class DirectoryWalker {
  private DirectoryWalker() {}

  public static void walk(Path root, FileSink sink) {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException("not a directory: " + root);
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String rel = relative(root, file);
          if (attrs.isSymbolicLink() && sink.wants(rel)) {
            sink.symlink(rel, Files.readSymbolicLink(file).toString());
          } else if (attrs.isRegularFile() && sink.wants(rel)) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
              sink.file(rel, attrs.size(), new TarLikeBound(in, attrs.size()));
            } catch (IOException | UncheckedIOException e) {
              sink.warn(rel, "cannot read: " + e.getMessage());
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          sink.warn(relative(root, file), "cannot read: " + e.getMessage());
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root, e);
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /** Limits a file stream to the size seen when it was listed (a growing file is not read past it). */
  private static final class TarLikeBound extends java.io.FilterInputStream {
    private long left;

    TarLikeBound(InputStream in, long size) {
      super(in);
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      left -= b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      left -= Math.max(n, 0);
      return n;
    }

    @Override
    public void close() {
      // owned by the walker
    }
  }
}
