package dev.countersign.oci;

import dev.countersign.core.Digest;
import dev.countersign.oci.internal.registry.ReferrersFallback;
import java.util.List;

/**
 * The OCI referrers tag schema, for stores without the referrers API (registries such as distribution 2.8, OCI
 * layouts): an OCI index at tag {@code sha256-<hex>} of the subject lists the manifests that refer to it.
 *
 * <p>A {@link Registry} repository maintains this index by itself: {@link Repository#putManifest} of a manifest
 * with a {@code subject} updates the fallback index whenever the registry does not confirm the subject with an
 * {@code OCI-Subject} header, and {@link Repository#referrers} reads it when the registry answers 404 to the
 * referrers API. Other {@link Repository} implementations (and code that wants to do it explicitly) use these
 * methods.
 */
public final class Referrers {
  private Referrers() {}

  /** The fallback tag of a subject: {@code sha256-<hex>}. */
  public static String fallbackTag(Digest subject) {
    return subject.algorithm().ociName() + "-" + subject.hex();
  }

  /**
   * Referrers listed in the fallback index of {@code subject}, optionally only of {@code artifactTypeOrNull}. Each
   * listed manifest is fetched and verified; its own artifact type and annotations are returned (index entries are
   * not trusted) and entries whose manifest is gone or has another subject are skipped.
   */
  public static List<Descriptor> fromFallbackIndex(Repository repository, Digest subject, String artifactTypeOrNull) {
    return ReferrersFallback.list(repository, subject, artifactTypeOrNull);
  }

  /**
   * Adds an already-pushed manifest with a {@code subject} to the subject's fallback index (read-modify-write; a
   * no-op when it is listed already).
   */
  public static void addToFallbackIndex(Repository repository, Manifest referrer) {
    ReferrersFallback.add(repository, referrer);
  }
}
