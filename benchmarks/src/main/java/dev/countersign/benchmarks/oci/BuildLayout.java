package dev.countersign.benchmarks.oci;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import java.nio.file.Path;

/**
 * Writes a single-layer image holding one file into a new OCI layout, the layer an uncompressed tar (neither
 * copier then spends time compressing). Usage: {@code BuildLayout LAYOUT_DIR TAG FILE}.
 */
public final class BuildLayout {
  private BuildLayout() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: BuildLayout LAYOUT_DIR TAG FILE");
      System.exit(2);
    }
    Path layoutDir = Path.of(args[0]);
    long start = System.nanoTime();
    ImageManifest m = ImageBuilder.create().gzip(false).tempDirectory(layoutDir.toAbsolutePath().getParent())
        .addFile(Path.of(args[2]), "/data/" + Path.of(args[2]).getFileName())
        .build(OciLayout.create(layoutDir), args[1]);
    System.out.printf("%s %s, layer %s (%d bytes), built in %.1f s%n", layoutDir, m.manifest().digest(),
        m.layers().get(0).digest(), m.layers().get(0).size(), (System.nanoTime() - start) / 1e9);
  }
}
