package dev.countersign.oci.internal.layout;

import dev.countersign.core.Digest;
import dev.countersign.oci.ImageIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One parsed version of index.json with tag and digest lookups built in one linear pass. */
public final class LayoutSnapshot {
  /** The annotation that names a tag in index.json. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final ImageIndex index;
  private final Map<String, ImageIndex.Entry> byTag = new HashMap<>();
  private final Map<Digest, ImageIndex.Entry> byDigest = new HashMap<>();

  LayoutSnapshot(ImageIndex index) {
    this.index = index;
    for (ImageIndex.Entry e : index.manifests()) {
      String tag = e.descriptor().annotations().get(REF_NAME);
      if (tag != null) {
        byTag.putIfAbsent(tag, e);
      }
      byDigest.putIfAbsent(e.descriptor().digest(), e);
    }
  }

  public ImageIndex index() {
    return index;
  }

  /** The first entry tagged {@code tag}. */
  public Optional<ImageIndex.Entry> tagged(String tag) {
    return Optional.ofNullable(byTag.get(tag));
  }

  /** The first entry for {@code digest}. */
  public Optional<ImageIndex.Entry> entry(Digest digest) {
    return Optional.ofNullable(byDigest.get(digest));
  }

  /** Tags, sorted. */
  public List<String> tags() {
    List<String> tags = new ArrayList<>(byTag.keySet());
    Collections.sort(tags);
    return tags;
  }

  /** Distinct entries (first per digest) in index order. */
  public List<ImageIndex.Entry> distinctEntries() {
    List<ImageIndex.Entry> out = new ArrayList<>(byDigest.size());
    for (ImageIndex.Entry e : index.manifests()) {
      if (byDigest.get(e.descriptor().digest()) == e) {
        out.add(e);
      }
    }
    return out;
  }
}
