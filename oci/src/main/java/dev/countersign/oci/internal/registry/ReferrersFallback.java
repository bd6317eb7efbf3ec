package dev.countersign.oci.internal.registry;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Referrers;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.manifest.DescriptorJson;
import dev.countersign.oci.internal.manifest.OciJson;
import dev.countersign.oci.internal.manifest.ReferrerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OCI referrers tag schema: an index at tag {@code <alg>-<hex>} of the subject listing its referrers. Works on
 * any {@link Repository}. Readers do not trust the index entries' artifact types (older cosign wrote wrong ones):
 * each referenced manifest is fetched (verified by digest) and its own artifact type, annotations and subject used.
 */
public final class ReferrersFallback {
  private ReferrersFallback() {}

  /** Referrers of {@code subject} listed in the fallback index, optionally of one artifact type. */
  public static List<Descriptor> list(Repository repo, Digest subject, String artifactType) {
    String tag = Referrers.fallbackTag(subject);
    Optional<Manifest> index = repo.manifest(tag);
    if (index.isEmpty()) {
      return List.of();
    }
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor entry : entries(index.get().bytes(), "referrers index " + tag + " in " + repo.name())) {
      Optional<Manifest> m = repo.manifest(entry.digest().toString());
      if (m.isEmpty()) {
        continue;
      }
      ReferrerInfo info = ReferrerInfo.of(m.get());
      if (info.refersTo(subject) && (artifactType == null || artifactType.equals(info.artifactType()))) {
        out.add(info.descriptor());
      }
    }
    return out;
  }

  /**
   * Adds {@code referrer} (a manifest with a {@code subject}, already pushed) to its subject's fallback index:
   * read, replace or append the entry, write back. Idempotent; concurrent writers can lose an update (the tag
   * schema offers no compare-and-swap).
   */
  public static void add(Repository repo, Manifest referrer) {
    ReferrerInfo info = ReferrerInfo.of(referrer);
    Descriptor subject = info.subject().orElseThrow(() -> new InvalidInputException("manifest "
        + referrer.digest() + " has no subject"));
    Descriptor entry = info.descriptor();
    String tag = Referrers.fallbackTag(subject.digest());
    List<Descriptor> entries = new ArrayList<>();
    Optional<Manifest> existing = repo.manifest(tag);
    if (existing.isPresent()) {
      if (!MediaTypes.isIndex(existing.get().mediaType())) {
        throw new InvalidInputException("tag " + tag + " in " + repo.name() + " is not an index ("
            + existing.get().mediaType() + "); cannot use it as the referrers index");
      }
      entries.addAll(entries(existing.get().bytes(), "referrers index " + tag + " in " + repo.name()));
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).digest().matches(referrer.digest())) {
        if (entries.get(i).equals(entry)) {
          return;
        }
        entries.remove(i--);
      }
    }
    ImageIndex.Builder index = ImageIndex.builder();
    entries.forEach(index::add);
    repo.putManifest(index.add(entry).build().manifest(), tag);
  }

  /**
   * The {@code manifests} of an index document (a fallback index or a referrers API page), strictly typed but
   * without requiring the index header: registries differ in what they put around the list.
   */
  static List<Descriptor> entries(byte[] index, String what) {
    return DescriptorJson.parseList(OciJson.parseObject(index, what), "manifests", false);
  }
}
