package dev.countersign.oci.internal.image;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The entries of one layer, keyed and sorted by their path in the image. Adding a path adds its parent
 * directories; adding the same file path twice, or a file where a directory is, fails.
 */
public final class LayerPlan {
  private final TreeMap<String, LayerEntry> entries = new TreeMap<>();

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Entries sorted by path (parents before children). */
  public Collection<LayerEntry> entries() {
    return entries.values();
  }

  /** Adds the regular file {@code source} (symlinks followed) at {@code target}; mode 0755 if executable. */
  public void addFile(Path source, String target) {
    if (!Files.isRegularFile(source)) {
      throw new InvalidInputException(source + " is not a regular file");
    }
    put(LayerEntry.file(normalise(target), Files.isExecutable(source) ? 0755 : 0644, source));
  }

  /** Adds {@code content} at {@code target} with {@code mode} (permission bits only). */
  public void addContent(byte[] content, String target, int mode) {
    put(LayerEntry.content(normalise(target), mode & 0777, content));
  }

  /**
   * Adds the tree under {@code dir} at {@code target}: directories, regular files and symbolic links (stored as
   * links, never followed). Other file types fail.
   */
  public void addDirectory(Path dir, String target) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + " is not a directory");
    }
    String base = normalise(target);
    if (!base.isEmpty()) {
      put(LayerEntry.directory(base));
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(paths::add);
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException("cannot read directory " + dir + ": " + e.getMessage(), e);
    }
    for (Path p : paths) {
      if (p.equals(dir)) {
        continue;
      }
      StringBuilder rel = new StringBuilder(base);
      for (Path part : dir.relativize(p)) {
        rel.append(rel.length() == 0 ? "" : "/").append(part);
      }
      String name = normalise(rel.toString());
      if (Files.isSymbolicLink(p)) {
        try {
          put(LayerEntry.symlink(name, Files.readSymbolicLink(p).toString()));
        } catch (IOException e) {
          throw new InvalidInputException("cannot read symbolic link " + p + ": " + e.getMessage(), e);
        }
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        put(LayerEntry.directory(name));
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        put(LayerEntry.file(name, Files.isExecutable(p) ? 0755 : 0644, p));
      } else {
        throw new InvalidInputException(p + " is neither a file, a directory nor a symbolic link");
      }
    }
  }

  private void put(LayerEntry e) {
    String path = e.path();
    if (path.isEmpty()) {
      throw new InvalidInputException("a file cannot be placed at the image root '/'");
    }
    for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      String parent = path.substring(0, i);
      LayerEntry existing = entries.get(parent);
      if (existing != null && existing.type() != LayerEntry.Type.DIRECTORY) {
        throw new InvalidInputException("/" + parent + " is a file in this layer, so /" + path + " cannot be added");
      }
      entries.putIfAbsent(parent, LayerEntry.directory(parent));
    }
    LayerEntry existing = entries.get(path);
    if (existing != null && !(existing.type() == LayerEntry.Type.DIRECTORY
        && e.type() == LayerEntry.Type.DIRECTORY)) {
      throw new InvalidInputException("/" + path + " is added twice to the same layer");
    }
    entries.put(path, e);
  }

  /** {@code /a//b/} to {@code a/b}; refuses {@code ..}, {@code .}, NUL and control characters. */
  static String normalise(String target) {
    if (target == null) {
      throw new InvalidInputException("target path is missing");
    }
    StringBuilder out = new StringBuilder();
    for (String seg : target.split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      if (seg.equals("..") || seg.equals(".")) {
        throw new InvalidInputException("target path must not contain '.' or '..' segments: " + target);
      }
      if (seg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new InvalidInputException("target path contains control characters");
      }
      out.append(out.length() == 0 ? "" : "/").append(seg);
    }
    return out.toString();
  }
}
