package dev.countersign.oci.internal.image;

import java.nio.file.Path;

/**
 * One entry of a layer being built: a directory, a file from disk or memory, or a symbolic link. {@code path} is
 * relative, normalised and without a trailing slash.
 */
public final class LayerEntry {
  /** Entry kinds. */
  public enum Type { DIRECTORY, FILE, SYMLINK }

  private final String path;
  private final Type type;
  private final int mode;
  private final Path source;
  private final byte[] content;
  private final String linkTarget;

  private LayerEntry(String path, Type type, int mode, Path source, byte[] content, String linkTarget) {
    this.path = path;
    this.type = type;
    this.mode = mode;
    this.source = source;
    this.content = content;
    this.linkTarget = linkTarget;
  }

  public static LayerEntry directory(String path) {
    return new LayerEntry(path, Type.DIRECTORY, 0755, null, null, null);
  }

  public static LayerEntry file(String path, int mode, Path source) {
    return new LayerEntry(path, Type.FILE, mode, source, null, null);
  }

  public static LayerEntry content(String path, int mode, byte[] content) {
    return new LayerEntry(path, Type.FILE, mode, null, content.clone(), null);
  }

  public static LayerEntry symlink(String path, String target) {
    return new LayerEntry(path, Type.SYMLINK, 0777, null, null, target);
  }

  public String path() {
    return path;
  }

  public Type type() {
    return type;
  }

  public int mode() {
    return mode;
  }

  /** The file on disk, or null for in-memory content. */
  public Path source() {
    return source;
  }

  /** In-memory content, or null. */
  public byte[] content() {
    return content;
  }

  public String linkTarget() {
    return linkTarget;
  }
}
