package dev.countersign.sbom.internal.layers;

/**
 * One tar header as read: the raw name and link name (long names and PAX paths applied), type flag and size of
 * the content that follows.
 */
public record TarEntry(String name, char type, long size, String linkName) {
  public boolean isRegularFile() {
    return type == '0' || type == '\0' || type == '7';
  }

  public boolean isDirectory() {
    return type == '5';
  }

  public boolean isSymlink() {
    return type == '2';
  }

  public boolean isHardLink() {
    return type == '1';
  }
}
