package dev.countersign.oci;

/** Media types of OCI and Docker manifests, configs and the artifacts Countersign reads and writes. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
  public static final String SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** What a manifest GET accepts: every manifest type this library reads. */
  public static final String MANIFEST_ACCEPT = OCI_MANIFEST + ", " + OCI_INDEX + ", " + DOCKER_MANIFEST + ", "
      + DOCKER_MANIFEST_LIST;

  private MediaTypes() {}

  /** Whether {@code mediaType} is an index (OCI index or Docker manifest list). */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /** Whether {@code mediaType} is a single-image manifest (OCI or Docker schema 2). */
  public static boolean isImageManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }
}
