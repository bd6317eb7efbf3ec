package dev.countersign.oci;

import dev.countersign.core.Digest;
import java.util.List;

/**
 * A {@link Repository} in a registry, reached through the OCI Distribution Spec v1.1 API by a {@link Registry}.
 * Adds what only registries do: cross-repository blob mounts and paged tag listing.
 *
 * <p>{@link #putManifest} of a manifest with a {@code subject} also updates the referrers fallback index (tag
 * {@code sha256-<hex>}, see {@link Referrers}) when the registry does not answer with an {@code OCI-Subject}
 * header, so referrers pushed here are found by {@link #referrers} and by cosign on any registry.
 */
public interface RegistryRepository extends Repository {
  /** The repository, without tag or digest. */
  ImageReference reference();

  /**
   * Mounts blob {@code digest} from {@code fromRepository} (a repository name in the same registry) without
   * uploading it. Returns false when the registry declined (the blob then has to be pushed).
   */
  boolean mountBlob(Digest digest, String fromRepository);

  /** All tags, sorted, fetched {@code pageSize} at a time following {@code Link: rel="next"} (0: registry default). */
  List<String> tags(int pageSize);
}
