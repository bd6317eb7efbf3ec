package dev.countersign.sbom;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads cosign's deprecated SBOM attachments ({@code cosign attach sbom}): the layers of the image manifest tagged
 * {@code sha256-<hex>.sbom}, with SBOM media types ({@code text/spdx}, {@code spdx+json}, {@code text/spdx+json},
 * {@code application/vnd.cyclonedx[+json|+xml]}, {@code application/vnd.syft+json}). They are unsigned and are
 * returned as {@link UnsignedSbom}s; other layers are skipped, at most {@value #MAX_LAYERS} layers of at most
 * {@value #MAX_LAYER_BYTES} bytes are read, and each layer's content must match its digest.
 */
public final class LegacySbomAttachments {
  /** The tag suffix cosign uses. */
  public static final String SUFFIX = ".sbom";
  /** Most layers read from one {@code .sbom} manifest. */
  public static final int MAX_LAYERS = 16;
  /** Largest layer read: 16 MiB. */
  public static final int MAX_LAYER_BYTES = 16 << 20;

  private static final Set<String> MEDIA_TYPES = Set.of("text/spdx", "spdx+json", "text/spdx+json",
      "text/spdx+xml", "application/vnd.cyclonedx", "application/vnd.cyclonedx+json",
      "application/vnd.cyclonedx+xml", "application/vnd.syft+json");

  private LegacySbomAttachments() {}

  /** {@code sha256-<hex>.sbom}. */
  public static String tag(Digest image) {
    return image.algorithm().ociName() + "-" + image.hex() + SUFFIX;
  }

  /** The unsigned SBOMs attached to the image {@code tagOrDigest} names; empty when there are none. */
  public static List<UnsignedSbom> read(Repository repo, String tagOrDigest) {
    Objects.requireNonNull(repo, "repo");
    Optional<Descriptor> image = repo.resolve(Objects.requireNonNull(tagOrDigest, "tagOrDigest"));
    return image.isEmpty() ? List.of() : read(repo, image.get().digest());
  }

  /** The unsigned SBOMs attached to {@code image}; empty when there are none. */
  public static List<UnsignedSbom> read(Repository repo, Digest image) {
    String tag = tag(Objects.requireNonNull(image, "image"));
    Optional<Manifest> manifest = repo.manifest(tag);
    if (manifest.isEmpty()) {
      return List.of();
    }
    ImageManifest m;
    try {
      m = ImageManifest.parse(manifest.get());
    } catch (CountersignException e) {
      throw new InvalidInputException(tag + " is not an image manifest: " + e.getMessage(), e);
    }
    List<UnsignedSbom> out = new ArrayList<>();
    for (Descriptor layer : m.layers()) {
      if (out.size() == MAX_LAYERS) {
        break;
      }
      if (!MEDIA_TYPES.contains(layer.mediaType())) {
        continue;
      }
      if (layer.size() > MAX_LAYER_BYTES || layer.size() < 0) {
        throw new InvalidInputException(tag + " layer " + layer.digest() + " is " + layer.size()
            + " bytes, more than the " + MAX_LAYER_BYTES + " read");
      }
      byte[] content = readLayer(repo, layer, tag);
      out.add(new UnsignedSbom(image, tag, layer.mediaType(), layer.digest(), content));
    }
    return List.copyOf(out);
  }

  private static byte[] readLayer(Repository repo, Descriptor layer, String tag) {
    byte[] content;
    try (InputStream in = repo.openBlob(layer)) {
      content = in.readNBytes((int) layer.size() + 1);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + tag + " layer " + layer.digest() + ": " + e.getMessage(), e);
    }
    if (content.length != layer.size()
        || !Digest.compute(layer.digest().algorithm(), content).equals(layer.digest())) {
      throw new InvalidInputException(tag + " layer " + layer.digest() + " does not match its digest or size");
    }
    return content;
  }
}
