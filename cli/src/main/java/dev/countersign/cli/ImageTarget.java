package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.EcrCredentials;
import dev.countersign.oci.ImageReference;
import dev.countersign.oci.LayoutReference;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.Repository;
import java.util.List;

/**
 * An IMAGE argument: a registry reference ({@code registry/repo:tag}, {@code ...@sha256:...}) or an OCI layout
 * ({@code oci:PATH[:REF]} or {@code oci:PATH@sha256:DIGEST}). Registry credentials come from Docker's
 * {@code config.json}; plain HTTP is used for loopback registries and for those named with
 * {@code --allow-insecure-registry}.
 */
final class ImageTarget implements AutoCloseable {
  private final Repository repository;
  private final String tagOrDigest;
  private final boolean byDigest;
  private final String identity;
  private final String display;
  private final Registry registry;

  private ImageTarget(Repository repository, String tagOrDigest, boolean byDigest, String identity, String display,
      Registry registry) {
    this.repository = repository;
    this.tagOrDigest = tagOrDigest;
    this.byDigest = byDigest;
    this.identity = identity;
    this.display = display;
    this.registry = registry;
  }

  /** Opens an existing image location. */
  static ImageTarget open(String image, List<String> insecureRegistries) {
    return open(image, insecureRegistries, false);
  }

  /** Opens an image location; a layout is created when {@code create} and it does not exist yet. */
  static ImageTarget open(String image, List<String> insecureRegistries, boolean create) {
    if (image.startsWith(LayoutReference.PREFIX)) {
      LayoutReference ref = LayoutReference.parse(image);
      OciLayout layout = create ? OciLayout.create(ref.path()) : OciLayout.open(ref.path());
      return new ImageTarget(layout, ref.tagOrDigest().orElse(null), ref.digest().isPresent(),
          ref.path().toAbsolutePath().toString(), ref.toString(), null);
    }
    ImageReference ref = ImageReference.parse(image);
    // ECR registries get tokens from the AWS SDK's default credentials (GetAuthorizationToken), then config.json.
    CredentialsProvider credentials = EcrCredentials.isEcrRegistry(ref.registry())
        ? CredentialsProvider.chain(EcrCredentials.fromEnvironment(), CredentialsProvider.dockerConfig())
        : CredentialsProvider.dockerConfig();
    Registry registry = Registry.builder().credentials(credentials).insecureRegistries(insecureRegistries).build();
    return new ImageTarget(registry.repository(ref), ref.identifier(), ref.digest().isPresent(), ref.context(),
        ref.toString(), registry);
  }

  Repository repository() {
    return repository;
  }

  /** The tag or digest the argument names; fails for a layout given without one. */
  String tagOrDigest() {
    if (tagOrDigest == null) {
      throw new InvalidInputException(display + " names no image: add :TAG or @sha256:DIGEST");
    }
    return tagOrDigest;
  }

  /** The tag or digest, or null when the argument names none (a copy target). */
  String tagOrNull() {
    return byDigest ? null : tagOrDigest;
  }

  /** The identity signed into cosign payloads: {@code registry/repository}, or the layout's absolute path. */
  String identity() {
    return identity;
  }

  /** The argument as given, normalised. */
  String display() {
    return display;
  }

  /** HTTP requests made so far (registry targets only). */
  long requestCount() {
    return registry == null ? 0 : registry.requestCount();
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
  }
}
