package dev.countersign.sbom.internal.layers;

import java.io.InputStream;

/** Where walkers send what they find: visible wanted files, symlinks, and warnings. */
public interface FileSink {
  /** Whether any cataloger reads {@code path}. */
  boolean wants(String path);

  /**
   * A visible regular file that is wanted, {@code size} bytes; {@code content} is bounded to the file and must
   * not be closed. IO failures of {@code content} propagate (they are failures of the layer).
   */
  void file(String path, long size, InputStream content);

  /** A visible symbolic link (recorded as data, never followed). */
  void symlink(String path, String target);

  void warn(String where, String message);
}
