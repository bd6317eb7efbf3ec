package dev.countersign.keys.internal.resolver;

import dev.countersign.core.BackendException;
import dev.countersign.keys.KeyManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk copy of a verified manifest chain: {@code N.keys.json} for the versions from the pinned one on. The
 * files are not trusted as such: the resolver walks them from the pinned manifest with the trust rules again each
 * time it loads them, so a tampered cache fails like a tampered CDN. {@code fetch.json} ({@link FetchState}) keeps
 * the ETag and freshness of the last {@code keys.json} answer.
 */
public final class ManifestCache {
  private static final Pattern NAME = Pattern.compile("([1-9][0-9]{0,8})\\.keys\\.json");
  private static final int MAX_FILES = 10_000;
  private static final String STATE = "fetch.json";

  private final Path dir;

  public ManifestCache(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /**
   * The cached versions from {@code pinnedVersion} on, in order; empty when there are none or they do not form a
   * contiguous run starting at {@code pinnedVersion} or {@code pinnedVersion + 1} (a partial cache is not used).
   */
  public List<byte[]> load(int pinnedVersion) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Map<Integer, Path> found = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.keys.json")) {
      for (Path p : files) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(1)) >= pinnedVersion) {
          found.put(Integer.parseInt(m.group(1)), p);
          if (found.size() > MAX_FILES) {
            return List.of();
          }
        }
      }
      List<byte[]> out = new ArrayList<>();
      if (found.isEmpty()) {
        return List.of();
      }
      int expected = found.keySet().iterator().next();
      if (expected > pinnedVersion + 1) {
        return List.of();
      }
      for (Map.Entry<Integer, Path> e : found.entrySet()) {
        if (e.getKey() != expected++) {
          return List.of();
        }
        try (InputStream in = Files.newInputStream(e.getValue())) {
          out.add(in.readNBytes(KeyManifest.MAX_BYTES + 1));
        }
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Writes {@code manifest} as {@code version.keys.json} (atomically: a temporary file, then a move). */
  public void store(int version, byte[] manifest) {
    write(version + ".keys.json", manifest);
  }

  /** The remembered ETag and freshness of {@code keys.json}; null when none (or unreadable). */
  public FetchState loadState() {
    Path p = dir.resolve(STATE);
    if (!Files.isRegularFile(p)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(p)) {
      return FetchState.parse(in.readNBytes(4096));
    } catch (IOException e) {
      return null;
    }
  }

  public void storeState(FetchState state) {
    write(STATE, state.toJson());
  }

  private void write(String name, byte[] content) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tmp", ".tmp");
      try {
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new BackendException("cannot write the key manifest cache in " + dir + ": " + e.getMessage(), false, e);
    }
  }
}
