package dev.countersign.sbom.spi;

import java.io.InputStream;
import java.util.List;
import org.cyclonedx.model.Component;

/**
 * Finds packages of one kind in an image's filesystem. The walker offers every visible regular file whose path
 * the cataloger {@link #wants}, once, as a bounded stream; after the last layer it asks for the {@link
 * #components}. An instance holds the state of one generation only (pass a fresh instance to each generator);
 * it is used from one thread.
 */
public interface Cataloger {
  /** A short name for warnings and properties, e.g. {@code dpkg}. */
  String name();

  /**
   * Whether the cataloger reads the file at {@code path}: relative to the rootfs, no leading {@code /},
   * {@code /}-separated, normalised (no {@code .} or {@code ..} segments). Called for every regular file; keep it
   * cheap and free of side effects.
   */
  boolean wants(String path);

  /**
   * Reads one wanted file. {@code content} is bounded by the walker (at most {@link CatalogContext#maxEntryBytes()}
   * bytes); do not close it. Bad content is reported with {@link CatalogContext#warn} and must never throw
   * anything but an {@link java.io.UncheckedIOException} for a failing stream.
   */
  void read(String path, InputStream content, CatalogContext ctx);

  /**
   * The components found, after all layers were walked: each with a purl (its bom-ref is set by the assembler
   * when missing) and its evidence occurrences naming the file paths it came from.
   */
  List<Component> components(CatalogContext ctx);
}
