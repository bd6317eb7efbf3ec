package dev.countersign.oci;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.image.ConfigJson;
import dev.countersign.oci.internal.image.LayerPlan;
import dev.countersign.oci.internal.image.LayerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a small OCI image from files and directories without a container engine, as Jib's core does, and writes
 * it into any {@link Repository}. Layers are deterministic tars (entries sorted, parent directories included,
 * uid/gid 0, modes 0644 or 0755 for executables and directories, every mtime = {@link #timestamp}), gzipped by
 * default; each is streamed once through a temp file while its diff_id and blob digest are computed. The same
 * inputs give a byte-identical manifest. Not thread-safe; one builder describes one image.
 */
public final class ImageBuilder {
  private final List<LayerPlan> layers = new ArrayList<>(List.of(new LayerPlan()));
  private final ConfigJson.Settings settings = new ConfigJson.Settings();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private boolean gzip = true;
  private Path tempDirectory;

  private ImageBuilder() {
    settings.architecture = "amd64";
    settings.os = "linux";
    settings.created = Instant.EPOCH;
  }

  /** A builder of a linux/amd64 image with a single, empty layer and timestamp 1970-01-01T00:00:00Z. */
  public static ImageBuilder create() {
    return new ImageBuilder();
  }

  /** The platform, e.g. {@code platform("linux", "arm64", "v8")}; variant may be null. */
  public ImageBuilder platform(String os, String architecture, String variant) {
    settings.os = Objects.requireNonNull(os, "os");
    settings.architecture = Objects.requireNonNull(architecture, "architecture");
    settings.variant = variant;
    return this;
  }

  /** The instant used as config {@code created} and as every file's mtime (like SOURCE_DATE_EPOCH). */
  public ImageBuilder timestamp(Instant timestamp) {
    if (timestamp.isBefore(Instant.EPOCH) || timestamp.getEpochSecond() > 077777777777L) {
      throw new InvalidInputException("timestamp must be between 1970 and the year 6325: " + timestamp);
    }
    settings.created = Instant.ofEpochSecond(timestamp.getEpochSecond());
    return this;
  }

  /** Adds the file {@code source} at the absolute image path {@code target} in the current layer. */
  public ImageBuilder addFile(Path source, String target) {
    current().addFile(source, target);
    return this;
  }

  /** Adds in-memory {@code content} at {@code target} with permission bits {@code mode} (e.g. 0644). */
  public ImageBuilder addContent(byte[] content, String target, int mode) {
    current().addContent(content, target, mode);
    return this;
  }

  /** Adds the tree under {@code directory} at {@code target} in the current layer. */
  public ImageBuilder addDirectory(Path directory, String target) {
    current().addDirectory(directory, target);
    return this;
  }

  /** Starts a new layer; later additions go into it. Empty layers are left out of the image. */
  public ImageBuilder nextLayer() {
    layers.add(new LayerPlan());
    return this;
  }

  public ImageBuilder entrypoint(String... entrypoint) {
    settings.entrypoint = List.copyOf(Arrays.asList(entrypoint));
    return this;
  }

  public ImageBuilder cmd(String... cmd) {
    settings.cmd = List.copyOf(Arrays.asList(cmd));
    return this;
  }

  /** Sets an environment variable (order of first setting is kept). */
  public ImageBuilder env(String name, String value) {
    if (name == null || name.isEmpty() || name.contains("=")) {
      throw new InvalidInputException("invalid environment variable name: " + name);
    }
    env.put(name, Objects.requireNonNull(value, "value"));
    return this;
  }

  public ImageBuilder label(String key, String value) {
    labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  public ImageBuilder workingDir(String workingDir) {
    settings.workingDir = workingDir;
    return this;
  }

  public ImageBuilder user(String user) {
    settings.user = user;
    return this;
  }

  /** An annotation on the image manifest. */
  public ImageBuilder annotation(String key, String value) {
    annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Gzip layers ({@link MediaTypes#OCI_LAYER_GZIP}, the default) or store plain tars ({@link MediaTypes#OCI_LAYER}). */
  public ImageBuilder gzip(boolean gzip) {
    this.gzip = gzip;
    return this;
  }

  /** Where layer temp files go; the system temp directory by default. */
  public ImageBuilder tempDirectory(Path dir) {
    this.tempDirectory = dir;
    return this;
  }

  /**
   * Writes layers, config and manifest into {@code target} and tags the manifest {@code tag} (null: untagged).
   * Returns the manifest written.
   */
  public ImageManifest build(Repository target, String tag) {
    String layerType = gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER;
    List<Descriptor> layerDescriptors = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    long mtime = settings.created.getEpochSecond();
    for (LayerPlan plan : layers) {
      if (plan.isEmpty()) {
        continue;
      }
      LayerWriter.Result layer = LayerWriter.write(plan.entries(), mtime, gzip, tempDirectory);
      try (InputStream in = Files.newInputStream(layer.file)) {
        layerDescriptors.add(target.pushBlob(layerType, layer.digest, layer.size, in));
        diffIds.add(layer.diffId);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read layer temp file", e);
      } finally {
        deleteQuietly(layer.file);
      }
    }
    settings.env = new ArrayList<>();
    env.forEach((k, v) -> settings.env.add(k + "=" + v));
    settings.labels = labels;
    Descriptor config = target.pushBlob(MediaTypes.OCI_CONFIG, ConfigJson.write(settings, diffIds));
    ImageManifest manifest = ImageManifest.builder().config(config).layers(layerDescriptors)
        .annotations(annotations).build();
    target.putManifest(manifest.manifest(), tag);
    return manifest;
  }

  private LayerPlan current() {
    return layers.get(layers.size() - 1);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temp file is not worth failing a finished push
    }
  }
}
