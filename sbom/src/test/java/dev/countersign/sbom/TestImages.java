package dev.countersign.sbom;

import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Small real images, and cosign's {@code attach sbom} layout, for the attestation tests. */
final class TestImages {
  private TestImages() {}

  /** An image with one file whose content is {@code marker}, tagged {@code tag}. */
  static Descriptor image(Repository repo, String tag, String marker) {
    ImageBuilder.create().timestamp(Instant.EPOCH).addContent(marker.getBytes(StandardCharsets.UTF_8), "/marker",
        0644).build(repo, tag);
    return repo.resolve(tag).orElseThrow();
  }

  /** What {@code cosign attach sbom} writes: an image manifest with the SBOM as its one layer, tagged .sbom. */
  static Digest attachLegacySbom(Repository repo, Digest image, String mediaType, byte[] sbom) {
    Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
    Descriptor layer = repo.pushBlob(mediaType, sbom);
    ImageManifest m = ImageManifest.builder().config(config).layers(List.of(layer)).build();
    Manifest manifest = m.manifest();
    return repo.putManifest(manifest, LegacySbomAttachments.tag(image)).digest();
  }
}
