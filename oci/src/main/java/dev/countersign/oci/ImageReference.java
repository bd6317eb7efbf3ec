package dev.countersign.oci;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.registry.ReferenceGrammar;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference, {@code [registry/]repository[:tag][@digest]}, parsed exactly as docker/distribution
 * normalises it: no registry means Docker Hub ({@code index.docker.io}, to which {@code docker.io} is normalised),
 * single-component Docker Hub names get the {@code library/} prefix, and the first component is a registry only
 * when it contains {@code .} or {@code :}, is {@code localhost}, or has upper-case letters. Immutable.
 */
public final class ImageReference {
  /** The registry Docker Hub references resolve to. */
  public static final String DOCKER_HUB = "index.docker.io";
  /** The tag assumed when a reference has neither tag nor digest. */
  public static final String DEFAULT_TAG = "latest";

  private final String registry;
  private final String repository;
  private final String tag;
  private final Digest digest;

  private ImageReference(String registry, String repository, String tag, Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a reference such as {@code ubuntu}, {@code ghcr.io/org/app:1.0}, {@code localhost:5000/app@sha256:...}.
   *
   * @throws InvalidInputException naming what is wrong (upper-case repository, empty component, bad tag, bad digest)
   */
  public static ImageReference parse(String reference) {
    ReferenceGrammar.Parts p = ReferenceGrammar.parse(reference);
    return new ImageReference(p.registry(), p.repository(), p.tag(), p.digest());
  }

  /** A reference to {@code repository} in {@code registry} (validated), without tag or digest. */
  public static ImageReference of(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    ReferenceGrammar.Parts p = ReferenceGrammar.parse(registry + "/" + Objects.requireNonNull(repository,
        "repository"));
    boolean hub = registry.equals("docker.io") || registry.equals(DOCKER_HUB);
    if (p.tag() != null || p.digest() != null || (hub ? !p.registry().equals(DOCKER_HUB)
        : !p.registry().equals(registry) || !p.repository().equals(repository))) {
      throw new InvalidInputException("'" + registry + "' and '" + repository + "' do not form a repository"
          + " reference (a registry needs a '.', a ':' or to be localhost; a repository has no tag)");
    }
    return new ImageReference(p.registry(), p.repository(), null, null);
  }

  /** The registry host with optional port, e.g. {@code index.docker.io} or {@code 127.0.0.1:5000}. */
  public String registry() {
    return registry;
  }

  /** The repository path inside the registry, e.g. {@code library/ubuntu}. */
  public String repositoryName() {
    return repository;
  }

  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** What to fetch: the digest when there is one, else the tag, else {@value #DEFAULT_TAG}. */
  public String identifier() {
    return digest != null ? digest.toString() : tag != null ? tag : DEFAULT_TAG;
  }

  /** {@code registry/repository}: the {@code docker-reference} identity cosign writes into signatures. */
  public String context() {
    return registry + "/" + repository;
  }

  /** The same repository and tag pinned to {@code digest}. */
  public ImageReference withDigest(Digest digest) {
    return new ImageReference(registry, repository, tag, Objects.requireNonNull(digest, "digest"));
  }

  /** The same repository with {@code tag} (validated) and no digest. */
  public ImageReference withTag(String tag) {
    ReferenceGrammar.checkTag(tag);
    return new ImageReference(registry, repository, tag, null);
  }

  /** The repository alone, without tag or digest. */
  public ImageReference withoutIdentifier() {
    return new ImageReference(registry, repository, null, null);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageReference)) {
      return false;
    }
    ImageReference r = (ImageReference) o;
    return registry.equals(r.registry) && repository.equals(r.repository) && Objects.equals(tag, r.tag)
        && Objects.equals(digest, r.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  /** Canonical form: {@code registry/repository[:tag][@digest]}; parsing it gives an equal reference. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(context());
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }
}
