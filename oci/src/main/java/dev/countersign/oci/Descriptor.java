package dev.countersign.oci;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OCI content descriptor: media type, digest and size of a blob or manifest, with optional annotations and
 * artifact type. Immutable.
 */
public final class Descriptor {
  private final String mediaType;
  private final Digest digest;
  private final long size;
  private final Map<String, String> annotations;
  private final String artifactType;

  private Descriptor(Builder b) {
    if (b.mediaType == null || b.mediaType.isBlank()) {
      throw new InvalidInputException("descriptor media type is missing");
    }
    if (b.size < 0) {
      throw new InvalidInputException("descriptor size is negative: " + b.size);
    }
    this.mediaType = b.mediaType;
    this.digest = Objects.requireNonNull(b.digest, "digest");
    this.size = b.size;
    this.annotations = Map.copyOf(b.annotations);
    this.artifactType = b.artifactType;
  }

  /** A descriptor of {@code size} bytes with digest {@code digest}. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return builder().mediaType(mediaType).digest(digest).size(size).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return builder().mediaType(mediaType).digest(digest).size(size).annotations(annotations)
        .artifactType(artifactType);
  }

  public String mediaType() {
    return mediaType;
  }

  public Digest digest() {
    return digest;
  }

  public long size() {
    return size;
  }

  /** Annotations, possibly empty; never null. */
  public Map<String, String> annotations() {
    return annotations;
  }

  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Descriptor)) {
      return false;
    }
    Descriptor d = (Descriptor) o;
    return size == d.size && mediaType.equals(d.mediaType) && digest.equals(d.digest)
        && annotations.equals(d.annotations) && Objects.equals(artifactType, d.artifactType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest, size, annotations, artifactType);
  }

  @Override
  public String toString() {
    return mediaType + " " + digest + " (" + size + " bytes)";
  }

  /** Builds a {@link Descriptor}. */
  public static final class Builder {
    private String mediaType;
    private Digest digest;
    private long size = -1;
    private Map<String, String> annotations = Map.of();
    private String artifactType;

    private Builder() {}

    public Builder mediaType(String mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    public Builder digest(Digest digest) {
      this.digest = digest;
      return this;
    }

    public Builder size(long size) {
      this.size = size;
      return this;
    }

    public Builder annotations(Map<String, String> annotations) {
      this.annotations = annotations == null ? Map.of() : annotations;
      return this;
    }

    public Builder artifactType(String artifactType) {
      this.artifactType = artifactType;
      return this;
    }

    public Descriptor build() {
      return new Descriptor(this);
    }
  }
}
