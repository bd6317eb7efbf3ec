package dev.countersign.testing.servers.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a key server serves: in-memory files (the builder's, then those put at run time or by HTTP PUT)
 * over an optional directory, and queued stale answers (an older content a lagging CDN edge still serves).
 * Thread-safe. Names are relative paths of non-empty segments; "." and ".." segments, backslashes and control
 * characters are refused, and a directory file is served only when it and every parent inside the directory is
 * a real file or directory (no symbolic links).
 */
public final class KeyFiles {
  private final Path directory;
  private final Map<String, byte[]> initial;
  private final Map<String, byte[]> files = new HashMap<>();
  private final List<Stale> stale = new ArrayList<>();

  private static final class Stale {
    final String name;
    final byte[] content;
    int remaining;

    Stale(String name, byte[] content, int remaining) {
      this.name = name;
      this.content = content;
      this.remaining = remaining;
    }
  }

  /** {@code directory} may be null; {@code initial} maps valid names to contents. */
  public KeyFiles(Path directory, Map<String, byte[]> initial) {
    this.directory = directory == null ? null : directory.toAbsolutePath().normalize();
    this.initial = Map.copyOf(initial);
    this.files.putAll(initial);
  }

  /** Whether {@code name} is a valid file name: segments of printable characters without "." or "..". */
  public static boolean valid(String name) {
    if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.length() > 1024) {
      return false;
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** The content served for {@code name} now (a queued stale answer first), or empty. */
  public synchronized Optional<byte[]> serve(String name) {
    for (Iterator<Stale> it = stale.iterator(); it.hasNext(); ) {
      Stale s = it.next();
      if (s.name.equals(name)) {
        if (--s.remaining == 0) {
          it.remove();
        }
        return Optional.of(s.content);
      }
    }
    return current(name);
  }

  /** The current content of {@code name}, ignoring stale answers, or empty. */
  public synchronized Optional<byte[]> current(String name) {
    byte[] inMemory = files.get(name);
    if (inMemory != null) {
      return Optional.of(inMemory);
    }
    return directory == null ? Optional.empty() : fromDirectory(name);
  }

  private Optional<byte[]> fromDirectory(String name) {
    Path file = directory;
    for (String segment : name.split("/")) {
      file = file.resolve(segment);
      if (Files.isSymbolicLink(file)) {
        return Optional.empty();
      }
    }
    if (!file.normalize().startsWith(directory) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      return Optional.empty(); // vanished or unreadable between the check and the read: not served
    }
  }

  /** Stores {@code content} as {@code name}; true when it replaced a file. */
  public synchronized boolean put(String name, byte[] content) {
    boolean existed = current(name).isPresent();
    files.put(name, content.clone());
    return existed;
  }

  /** Removes an in-memory file; a directory file stays. True when one was removed. */
  public synchronized boolean remove(String name) {
    return files.remove(name) != null;
  }

  /** The next {@code times} requests for {@code name} answer {@code older} instead. */
  public synchronized void serveStale(String name, byte[] older, int times) {
    stale.add(new Stale(name, older.clone(), times));
  }

  /** Back to the builder's in-memory files, without stale answers. */
  public synchronized void reset() {
    files.clear();
    files.putAll(initial);
    stale.clear();
  }
}
