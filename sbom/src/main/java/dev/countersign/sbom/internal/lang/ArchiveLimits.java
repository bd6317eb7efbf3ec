package dev.countersign.sbom.internal.lang;

/**
 * Bounds on the work one top-level Java archive may cause: nesting depth (top level = 0), uncompressed bytes of
 * any one entry, uncompressed bytes of the whole archive including nested archives, and the number of entries.
 * Exceeding the depth skips that nested archive; exceeding a byte or entry bound stops the scan of the archive
 * (zip bomb) and keeps what was found before.
 */
public record ArchiveLimits(int maxDepth, long maxEntryBytes, long maxArchiveBytes, int maxEntries) {
  /** Entry cap used by {@link #of(int, long)}: large Spring Boot jars hold tens of thousands of entries. */
  public static final int DEFAULT_MAX_ENTRIES = 200_000;
  /** Archive byte cap used by {@link #of(int, long)}, as a multiple of the entry cap. */
  public static final int ARCHIVE_BYTES_PER_ENTRY_CAP = 8;

  /** Validates the bounds. */
  public ArchiveLimits {
    if (maxDepth < 0 || maxEntryBytes <= 0 || maxArchiveBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("archive limits must be positive (depth >= 0)");
    }
  }

  /** Limits from a catalog context's depth and entry-size bounds, with the default archive and entry caps. */
  public static ArchiveLimits of(int maxDepth, long maxEntryBytes) {
    long archive = maxEntryBytes > Long.MAX_VALUE / ARCHIVE_BYTES_PER_ENTRY_CAP
        ? Long.MAX_VALUE : maxEntryBytes * ARCHIVE_BYTES_PER_ENTRY_CAP;
    return new ArchiveLimits(maxDepth, maxEntryBytes, archive, DEFAULT_MAX_ENTRIES);
  }
}
