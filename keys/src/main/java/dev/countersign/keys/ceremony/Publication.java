package dev.countersign.keys.ceremony;

import dev.countersign.keys.KeyManifest;
import java.util.List;

/** What {@link Publisher#publish} wrote: the now-trusted manifest and the file names, in the order written. */
public final class Publication {
  private final KeyManifest manifest;
  private final String location;
  private final List<String> files;

  Publication(KeyManifest manifest, String location, List<String> files) {
    this.manifest = manifest;
    this.location = location;
    this.files = List.copyOf(files);
  }

  public KeyManifest manifest() {
    return manifest;
  }

  /** Where it was published: the directory, or the HTTP origin. */
  public String location() {
    return location;
  }

  /** File names in {@link #location()}, {@code keys.json} last. */
  public List<String> files() {
    return files;
  }

  @Override
  public String toString() {
    return "Publication{version " + manifest.version() + ", " + files + "}";
  }
}
