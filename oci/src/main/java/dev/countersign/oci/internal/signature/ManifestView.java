package dev.countersign.oci.internal.signature;

import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import java.util.List;

/**
 * The layers of an image manifest or the manifests of an index, parsed by {@link ImageManifest} and
 * {@link ImageIndex} (this class parses nothing itself). Only {@code ImageVerifier} still uses it; new code uses
 * those two types directly.
 */
public record ManifestView(String mediaType, List<Descriptor> layers, List<Descriptor> manifests) {

  /** Parses {@code m} as an index or an image manifest; any other media type is an invalid input. */
  public static ManifestView parse(Manifest m) {
    if (MediaTypes.isIndex(m.mediaType())) {
      return new ManifestView(m.mediaType(), List.of(),
          ImageIndex.parse(m).manifests().stream().map(ImageIndex.Entry::descriptor).toList());
    }
    return new ManifestView(m.mediaType(), ImageManifest.parse(m).layers(), List.of());
  }
}
