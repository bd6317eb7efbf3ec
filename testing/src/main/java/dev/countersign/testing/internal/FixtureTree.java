package dev.countersign.testing.internal;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Walks a fixtures directory without following links: every regular file but the manifest, by relative path with
 * {@code /}, with its SHA-256 (streamed). Symbolic links and special files anywhere in the tree are refused.
 */
public final class FixtureTree {
  /** Most files a fixtures directory may hold (the signed statement lists every one). */
  public static final int MAX_FILES = 20_000;

  private FixtureTree() {}

  /** The real path of {@code dir}, which must be a directory. */
  public static Path root(Path dir) {
    try {
      Path real = dir.toRealPath();
      if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
        throw new InvalidInputException(dir + " is not a directory");
      }
      return real;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read fixtures directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Every regular file under {@code root} (a {@link #root} result) except {@code manifestName} at the top. */
  public static SortedMap<String, Digest> walk(Path root, String manifestName) {
    SortedMap<String, Digest> files = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (attrs.isSymbolicLink()) {
            throw new InvalidInputException("refusing symbolic link in fixtures: " + relative(root, d));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          String name = relative(root, f);
          if (attrs.isSymbolicLink()) {
            throw new InvalidInputException("refusing symbolic link in fixtures: " + name);
          }
          if (!attrs.isRegularFile()) {
            throw new InvalidInputException("refusing special file in fixtures: " + name);
          }
          if (name.equals(manifestName)) {
            return FileVisitResult.CONTINUE;
          }
          if (files.size() >= MAX_FILES) {
            throw new InvalidInputException("more than " + MAX_FILES + " files in fixtures directory " + root);
          }
          try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
            files.put(name, Digest.compute(DigestAlgorithm.SHA256, in));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
          throw e;
        }
      });
    } catch (IOException e) {
      throw new InvalidInputException("cannot read fixtures directory " + root + ": " + e.getMessage(), e);
    }
    return files;
  }

  /** Whether {@code name} is a plain relative path inside the directory: no {@code ..}, {@code .}, empty parts. */
  public static boolean isInside(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
        || name.matches("^[A-Za-z]:.*")) {
      return false;
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  static String relative(Path root, Path p) {
    StringBuilder s = new StringBuilder();
    for (Path part : root.relativize(p)) {
      if (s.length() > 0) {
        s.append('/');
      }
      s.append(part);
    }
    return s.toString();
  }

  /** Names of {@code files} with their digests as hex, for comparison with a manifest. */
  public static Map<String, String> hex(Map<String, Digest> files) {
    Map<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k, v.hex()));
    return out;
  }
}
