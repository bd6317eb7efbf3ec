package dev.countersign.sbom.spi;

import java.util.Optional;

/** What a {@link Cataloger} may use during a generation: warnings, the distribution, limits. */
public interface CatalogContext {
  /** Records a warning about one file (the rest of the SBOM is still produced). */
  void warn(String path, String message);

  /**
   * The distribution from {@code etc/os-release} (else {@code usr/lib/os-release}) of the visible filesystem.
   * Complete only when {@link Cataloger#components} is called; while files are read it may still be empty.
   */
  Optional<OsRelease> osRelease();

  /** How deep archives nested in archives are opened (e.g. jars in jars); deeper ones are warned about. */
  int maxNestingDepth();

  /** Largest file offered to a cataloger; bigger wanted files are skipped with a warning. */
  long maxEntryBytes();
}
