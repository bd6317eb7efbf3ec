package dev.countersign.sbom.internal.lang;

import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.OsRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A catalog context that records warnings as "path: message". */
final class RecordingContext implements CatalogContext, WarningSink {
  final List<String> warnings = new ArrayList<>();
  private final int depth;
  private final long entryBytes;

  RecordingContext() {
    this(4, 256L << 20);
  }

  RecordingContext(int depth, long entryBytes) {
    this.depth = depth;
    this.entryBytes = entryBytes;
  }

  @Override
  public void warn(String path, String message) {
    warnings.add(path + ": " + message);
  }

  @Override
  public Optional<OsRelease> osRelease() {
    return Optional.empty();
  }

  @Override
  public int maxNestingDepth() {
    return depth;
  }

  @Override
  public long maxEntryBytes() {
    return entryBytes;
  }
}
