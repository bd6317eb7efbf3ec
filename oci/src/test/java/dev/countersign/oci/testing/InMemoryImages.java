package dev.countersign.oci.testing;

import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Small real images (config + one layer + manifest) and indexes pushed into a repository. */
public final class InMemoryImages {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private InMemoryImages() {}

  /** Pushes a new single-platform image, tags it, returns its manifest descriptor. */
  public static Descriptor image(InMemoryRepository repo, String tag) {
    int n = COUNTER.incrementAndGet();
    Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, ("{\"architecture\":\"amd64\",\"os\":\"linux\","
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    Descriptor layer = repo.pushBlob(MediaTypes.OCI_LAYER, ("layer " + n).getBytes(StandardCharsets.UTF_8));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + desc(config) + ",\"layers\":[" + desc(layer) + "]}";
    return repo.putManifest(Manifest.of(MediaTypes.OCI_MANIFEST, json.getBytes(StandardCharsets.UTF_8)), tag);
  }

  /** Pushes an index over {@code children} and tags it. */
  public static Descriptor index(InMemoryRepository repo, String tag, List<Descriptor> children) {
    StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[");
    for (int i = 0; i < children.size(); i++) {
      Descriptor c = children.get(i);
      s.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(c.mediaType()).append("\",\"digest\":\"")
          .append(c.digest()).append("\",\"size\":").append(c.size())
          .append(",\"platform\":{\"architecture\":\"arch").append(i).append("\",\"os\":\"linux\"}}");
    }
    s.append("]}");
    return repo.putManifest(Manifest.of(MediaTypes.OCI_INDEX, s.toString().getBytes(StandardCharsets.UTF_8)), tag);
  }

  private static String desc(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
  }
}
