package dev.countersign.sbom.internal.layers;

/**
 * Normalises tar entry names to rootfs-relative paths: leading {@code ./} and {@code /} removed, {@code .} and
 * empty segments dropped. A name with a {@code ..} segment is refused (null): it could name a file outside the
 * rootfs, and no image builder writes one.
 */
final class EntryPaths {
  private EntryPaths() {}

  /** The normalised path, {@code ""} for the root itself, or null when the name is refused. */
  static String normalise(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (String seg : name.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..") || seg.indexOf('\0') >= 0) {
        return null;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(seg);
    }
    return out.toString();
  }

  /** The parent directory of a normalised path, {@code ""} for a top-level one. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last segment of a normalised path. */
  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code parent/name}, or {@code name} at the top. */
  static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
