package dev.countersign.examples;

import dev.countersign.oci.ImageBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The image of the distribution demo (seed step 5), reproducible (fixed timestamps): a Debian 12 base layer with
 * a dpkg database of five real packages and {@code etc/os-release}, and an app layer with an npm dependency
 * ({@code node_modules/ms/package.json}). The files come from the demo's resources ({@code distribution/}, see
 * the NOTICE there), so the SBOM generator finds real package metadata in the layers.
 */
final class DistributionImage {
  static final String VERSION = "1.0.0";
  /** Files of the base layer, relative to the resource folder and to the image root. */
  static final List<String> BASE = List.of("etc/os-release", "var/lib/dpkg/status");
  /** Files of the app layer. */
  static final List<String> APP = List.of("app/node_modules/ms/package.json");
  /** The Debian packages in {@code var/lib/dpkg/status}. */
  static final List<String> DEBIAN_PACKAGES = List.of("base-files", "ca-certificates", "netbase", "tzdata", "zlib1g");
  /** The npm packages under {@code app/node_modules}. */
  static final List<String> NPM_PACKAGES = List.of("ms");

  private DistributionImage() {}

  /** A builder holding both layers, ready to {@link ImageBuilder#build build} into a repository. */
  static ImageBuilder builder() {
    ImageBuilder image = ImageBuilder.create().timestamp(Instant.EPOCH);  // linux/amd64
    BASE.forEach(path -> image.addContent(resource(path), "/" + path, 0644));
    image.nextLayer();
    APP.forEach(path -> image.addContent(resource(path), "/" + path, 0644));
    return image.addContent(("app " + VERSION + "\n").getBytes(StandardCharsets.UTF_8), "/app/VERSION", 0644)
        .workingDir("/app").entrypoint("/bin/cat", "/app/VERSION");
  }

  private static byte[] resource(String path) {
    try (InputStream in = DistributionImage.class.getResourceAsStream("distribution/" + path)) {
      if (in == null) {
        throw new IllegalStateException("distribution/" + path + " is missing from the demo's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read distribution/" + path, e);
    }
  }
}
