package dev.countersign.sbom;

import dev.countersign.core.Digest;
import java.util.Objects;

/**
 * An SBOM attached with cosign's deprecated {@code cosign attach sbom}: a layer of the {@code sha256-<hex>.sbom}
 * manifest. Such SBOMs are <strong>UNSIGNED</strong>: nothing binds them to the image's publisher, anyone with
 * push access to the repository can replace them, and nothing here verified them. They are returned only so tools
 * can show or migrate them; never treat their content as verified ({@link SbomVerifier} never does).
 */
public final class UnsignedSbom {
  /** The warning every presentation of an unsigned SBOM should carry. */
  public static final String WARNING = "UNSIGNED: a cosign .sbom attachment; not signed, not verified";

  private final Digest image;
  private final String tag;
  private final String mediaType;
  private final Digest layer;
  private final byte[] content;

  UnsignedSbom(Digest image, String tag, String mediaType, Digest layer, byte[] content) {
    this.image = Objects.requireNonNull(image, "image");
    this.tag = Objects.requireNonNull(tag, "tag");
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    this.layer = Objects.requireNonNull(layer, "layer");
    this.content = content.clone();
  }

  /** The image digest whose {@code .sbom} tag held it (a naming convention, not a signed binding). */
  public Digest image() {
    return image;
  }

  /** The {@code sha256-<hex>.sbom} tag. */
  public String tag() {
    return tag;
  }

  /** The layer media type, e.g. {@code spdx+json}, {@code text/spdx}, {@code application/vnd.cyclonedx+json}. */
  public String mediaType() {
    return mediaType;
  }

  /** The layer digest (checked against the content). */
  public Digest layer() {
    return layer;
  }

  /** The SBOM bytes as stored, unverified (a copy). */
  public byte[] content() {
    return content.clone();
  }

  /** Always false: {@code .sbom} attachments carry no signature. */
  public boolean verified() {
    return false;
  }

  @Override
  public String toString() {
    return WARNING + ": " + tag + " layer " + layer + " (" + mediaType + ", " + content.length + " bytes)";
  }
}
