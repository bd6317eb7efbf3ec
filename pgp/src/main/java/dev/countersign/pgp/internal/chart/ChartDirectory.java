package dev.countersign.pgp.internal.chart;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a chart directory as Helm's {@code loader.LoadDir} collects them: walked in sorted order,
 * {@code .helmignore} applied (a matching directory is skipped whole), symbolic links followed only when they
 * resolve inside the chart, irregular files refused, a UTF-8 BOM stripped from each file, Helm's size limits.
 */
public final class ChartDirectory {
  /** A collected file: its relative path, content and modification time (epoch seconds). */
  public record File(String path, byte[] content, long mtime) {}

  private final Path root;
  private final HelmIgnore rules;
  private final TreeMap<String, File> files = new TreeMap<>();
  private long total;

  private ChartDirectory(Path root, HelmIgnore rules) {
    this.root = root;
    this.rules = rules;
  }

  /** Collects the chart's files, sorted by path. */
  public static List<File> collect(Path dir, int maxFile, long maxTotal, int maxEntries) {
    try {
      if (!Files.isDirectory(dir)) {
        throw new InvalidInputException("chart directory " + dir + " does not exist or is not a directory");
      }
      Path root = dir.toRealPath();
      Path ignore = root.resolve(".helmignore");
      byte[] ignoreBytes = Files.isRegularFile(ignore) ? Files.readAllBytes(ignore) : new byte[0];
      ChartDirectory c = new ChartDirectory(root, HelmIgnore.parse(ignoreBytes));
      c.walk(root, "", new HashSet<>(Set.of(root)), maxFile, maxTotal, maxEntries);
      return new ArrayList<>(c.files.values());
    } catch (IOException e) {
      throw new BackendException("cannot read chart directory " + dir + ": " + e.getMessage(), false, e);
    }
  }

  private void walk(Path dir, String rel, Set<Path> onPath, int maxFile, long maxTotal, int maxEntries)
      throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    }
    for (Path child : children) {
      String name = (rel.isEmpty() ? "" : rel + "/") + child.getFileName();
      Path target = child;
      if (Files.isSymbolicLink(child)) {
        target = child.toRealPath();
        if (!target.startsWith(root)) {
          throw new InvalidInputException("chart file '" + name + "' is a symbolic link to " + target
              + ", outside the chart directory; refused");
        }
      }
      BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isDirectory()) {
        if (rules.ignore(name, true)) {
          continue;
        }
        Path real = target.toRealPath();
        if (!onPath.add(real)) {
          throw new InvalidInputException("chart directory '" + name + "' is a symbolic link loop; refused");
        }
        walk(target, name, onPath, maxFile, maxTotal, maxEntries);
        onPath.remove(real);
        continue;
      }
      if (rules.ignore(name, false)) {
        continue;
      }
      if (!a.isRegularFile()) {
        throw new InvalidInputException("cannot load irregular file '" + name + "' (a device, socket or pipe)");
      }
      if (a.size() > maxFile) {
        throw new InvalidInputException("chart file '" + name + "' is larger than the maximum file size "
            + maxFile);
      }
      total += a.size();
      if (total > maxTotal || files.size() >= maxEntries) {
        throw new InvalidInputException("chart directory has more than " + maxTotal + " bytes or " + maxEntries
            + " files");
      }
      byte[] data = Files.readAllBytes(target);
      if (data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF) {
        data = java.util.Arrays.copyOfRange(data, 3, data.length);
      }
      files.put(name, new File(name, data, a.lastModifiedTime().toInstant().getEpochSecond()));
    }
  }
}
