package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
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

  public static String tag(Digest subject) {
    return subject.algorithm().ociName() + "-" + subject.hex();
  }

  /** Referrers of {@code subject} listed in the fallback index, optionally of one artifact type. */
  public static List<Descriptor> list(Repository repo, Digest subject, String artifactType) {
    Optional<Manifest> index = repo.manifest(tag(subject));
    if (index.isEmpty()) {
      return List.of();
    }
    String where = "referrers index " + tag(subject) + " in " + repo.name();
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor entry : OciJson.manifests(Bodies.json(index.get().bytes(), where), where)) {
      Optional<Manifest> m = repo.manifest(entry.digest().toString());
      if (m.isEmpty()) {
        continue;
      }
      JsonNode json = Bodies.json(m.get().bytes(), "referrer " + entry.digest());
      Descriptor actualSubject = subjectOf(json, "referrer " + entry.digest());
      if (actualSubject == null || !actualSubject.digest().matches(subject)) {
        continue;
      }
      String type = OciJson.artifactType(json);
      if (artifactType != null && !artifactType.equals(type)) {
        continue;
      }
      out.add(Descriptor.builder().mediaType(m.get().mediaType()).digest(m.get().digest())
          .size(m.get().bytes().length).artifactType(type)
          .annotations(OciJson.annotations(json.path("annotations"), "referrer " + entry.digest())).build());
    }
    return out;
  }

  /**
   * Adds {@code referrer} (a manifest with a {@code subject}, already pushed) to its subject's fallback index:
   * read, replace or append the entry, write back. Idempotent; concurrent writers can lose an update (the tag
   * schema offers no compare-and-swap).
   */
  public static void add(Repository repo, Manifest referrer) {
    JsonNode json = Bodies.json(referrer.bytes(), "referrer manifest");
    Descriptor subject = subjectOf(json, "referrer manifest");
    if (subject == null) {
      throw new InvalidInputException("manifest " + referrer.digest() + " has no subject");
    }
    Descriptor entry = Descriptor.builder().mediaType(referrer.mediaType()).digest(referrer.digest())
        .size(referrer.bytes().length).artifactType(OciJson.artifactType(json))
        .annotations(OciJson.annotations(json.path("annotations"), "referrer manifest")).build();
    String tag = tag(subject.digest());
    List<Descriptor> entries = new ArrayList<>();
    Optional<Manifest> existing = repo.manifest(tag);
    if (existing.isPresent()) {
      if (!MediaTypes.isIndex(existing.get().mediaType())) {
        throw new InvalidInputException("tag " + tag + " in " + repo.name() + " is not an index ("
            + existing.get().mediaType() + "); cannot use it as the referrers index");
      }
      String where = "referrers index " + tag + " in " + repo.name();
      entries.addAll(OciJson.manifests(Bodies.json(existing.get().bytes(), where), where));
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).digest().matches(referrer.digest())) {
        if (entries.get(i).equals(entry)) {
          return;
        }
        entries.remove(i--);
      }
    }
    entries.add(entry);
    repo.putManifest(Manifest.of(MediaTypes.OCI_INDEX, OciJson.index(entries)), tag);
  }

  /** The {@code subject} descriptor of a manifest, or null. */
  public static Descriptor subjectOf(JsonNode manifest, String where) {
    JsonNode s = manifest.path("subject");
    return s.isObject() ? OciJson.descriptor(s, where + " subject") : null;
  }
}
