package dev.countersign.sbom.testing;

import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Pushes images made of raw layer blobs (hostile tars, truncated gzip, zstd bytes) into a repository. */
public final class RawImages {
  private RawImages() {}

  /** One layer per blob, media type chosen by whether the blob starts like gzip. Returns the manifest. */
  public static ImageManifest push(Repository repo, String tag, byte[]... blobs) {
    List<Descriptor> layers = new ArrayList<>();
    for (byte[] b : blobs) {
      boolean gz = b.length > 1 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
      layers.add(repo.pushBlob(gz ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, b));
    }
    return pushManifest(repo, tag, layers);
  }

  /** A manifest over already-described layers (the blobs may live elsewhere, see LazyBlobRepository). */
  public static ImageManifest pushManifest(Repository repo, String tag, List<Descriptor> layers) {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
    Descriptor cfg = repo.pushBlob(MediaTypes.OCI_CONFIG, config);
    ImageManifest m = ImageManifest.builder().config(cfg).layers(layers).build();
    repo.putManifest(m.manifest(), tag);
    return m;
  }
}
