package dev.countersign.sbom.internal.lang;

/** Where a language cataloger reports an item it could not use; {@code CatalogContext::warn} fits. */
@FunctionalInterface
public interface WarningSink {
  /**
   * Records a warning.
   *
   * @param path the file (or {@code outer.jar!/inner.jar}) the warning is about
   * @param message what was wrong, never file content beyond a short excerpt
   */
  void warn(String path, String message);
}
