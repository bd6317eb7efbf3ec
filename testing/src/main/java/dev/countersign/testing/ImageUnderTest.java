package dev.countersign.testing;

import dev.countersign.oci.Repository;
import java.util.Objects;

/**
 * An image, by repository (a registry repository, e.g. from a {@code TestRegistry}, or an OCI layout) and tag or
 * digest, whose signatures and attestations a test asserts on.
 */
public final class ImageUnderTest {
  private final Repository repository;
  private final String reference;

  private ImageUnderTest(Repository repository, String reference) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.reference = Objects.requireNonNull(reference, "reference");
    if (reference.isEmpty()) {
      throw new IllegalArgumentException("tag or digest must not be empty");
    }
  }

  /** The image tagged or with digest {@code tagOrDigest} in {@code repository}. */
  public static ImageUnderTest of(Repository repository, String tagOrDigest) {
    return new ImageUnderTest(repository, tagOrDigest);
  }

  public Repository repository() {
    return repository;
  }

  /** The tag or digest. */
  public String reference() {
    return reference;
  }

  @Override
  public String toString() {
    return repository.name() + (reference.contains(":") ? "@" : ":") + reference;
  }
}
