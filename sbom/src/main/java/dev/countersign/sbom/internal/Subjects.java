package dev.countersign.sbom.internal;

import dev.countersign.oci.Platform;
import dev.countersign.oci.Repository;
import dev.countersign.sbom.internal.catalog.Purls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;

/** The {@code metadata.component} of a BOM: the container image, or the directory a rootfs BOM describes. */
public final class Subjects {
  private Subjects() {}

  /**
   * A {@code container} component: {@code pkg:oci/<name>@sha256%3A<hex>?repository_url=...&tag=...} (no
   * repository_url for an OCI layout), the manifest digest as a SHA-256 hash, the platform as properties.
   */
  public static Component image(Repository repo, String tagOrDigest, ImageSource source) {
    String repoName = repo.name();
    boolean layout = repoName.startsWith("oci:");
    String path = layout ? repoName.substring(4) : repoName;
    String trimmed = path.replaceAll("/+$", "");
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    if (name.isEmpty()) {
      name = "image";
    }
    String digest = source.manifest().digest().toString();
    Map<String, String> q = new LinkedHashMap<>();
    if (!layout) {
      q.put("repository_url", repoName);
    }
    if (!tagOrDigest.contains(":")) {
      q.put("tag", tagOrDigest);
    }
    Component c = new Component();
    c.setType(Component.Type.CONTAINER);
    c.setName(name);
    c.setVersion(digest);
    c.setPurl(Purls.of("oci", null, name, digest, q));
    c.setBomRef(c.getPurl());
    c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, source.manifest().digest().hex())));
    Platform p = source.platform();
    List<Property> props = new ArrayList<>();
    props.add(BomAssembler.property("countersign:image:platform", p.toString()));
    props.add(BomAssembler.property("countersign:image:os", p.os()));
    props.add(BomAssembler.property("countersign:image:architecture", p.architecture()));
    p.variant().ifPresent(v -> props.add(BomAssembler.property("countersign:image:variant", v)));
    props.add(BomAssembler.property("countersign:image:manifest-media-type", source.manifest().mediaType()));
    props.add(BomAssembler.property("countersign:image:repository", repoName));
    c.setProperties(props);
    return c;
  }

  /** A {@code file} component for a rootfs directory, named by its last path segment. */
  public static Component directory(java.nio.file.Path dir) {
    Component c = new Component();
    c.setType(Component.Type.FILE);
    java.nio.file.Path fileName = dir.toAbsolutePath().normalize().getFileName();
    c.setName(fileName == null ? "/" : fileName.toString());
    c.setBomRef("rootfs:" + c.getName());
    return c;
  }
}
