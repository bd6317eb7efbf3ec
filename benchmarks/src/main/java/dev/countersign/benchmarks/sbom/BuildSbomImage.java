package dev.countersign.benchmarks.sbom;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import java.nio.file.Path;

/**
 * Writes the SBOM benchmark image into a new OCI layout: a gzip layer with a Debian rootfs's package metadata
 * (the directory ROOTFS: {@code etc/os-release}, {@code etc/debian_version}, {@code var/lib/dpkg/status}) and a gzip
 * layer holding one large file, so
 * that reading the image is bounded by gunzip. Usage: {@code BuildSbomImage LAYOUT_DIR TAG ROOTFS BIG_FILE}.
 */
public final class BuildSbomImage {
  private BuildSbomImage() {}

  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println("usage: BuildSbomImage LAYOUT_DIR TAG ROOTFS BIG_FILE");
      System.exit(2);
    }
    Path layoutDir = Path.of(args[0]);
    Path rootfs = Path.of(args[2]);
    Path big = Path.of(args[3]);
    long start = System.nanoTime();
    ImageManifest m = ImageBuilder.create().gzip(true).tempDirectory(layoutDir.toAbsolutePath().getParent())
        .addDirectory(rootfs, "/")
        .nextLayer()
        .addFile(big, "/opt/data/" + big.getFileName())
        .build(OciLayout.create(layoutDir), args[1]);
    System.out.printf("%s %s, %d layers, built in %.1f s%n", layoutDir, m.manifest().digest(), m.layers().size(),
        (System.nanoTime() - start) / 1e9);
  }
}
