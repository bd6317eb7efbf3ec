package dev.countersign.keys.ceremony;

import dev.countersign.keys.KeyManifest;
import java.nio.file.Path;
import java.util.List;

/** What {@link Publisher#publish} wrote: the now-trusted manifest and the file names, in the order written. */
public final class Publication {
  private final KeyManifest manifest;
  private final Path dir;
  private final List<String> files;

  Publication(KeyManifest manifest, Path dir, List<String> files) {
    this.manifest = manifest;
    this.dir = dir;
    this.files = List.copyOf(files);
  }

  public KeyManifest manifest() {
    return manifest;
  }

  public Path dir() {
    return dir;
  }

  /** File names in {@link #dir()}, {@code keys.json} last. */
  public List<String> files() {
    return files;
  }

  @Override
  public String toString() {
    return "Publication{version " + manifest.version() + ", " + files + "}";
  }
}
