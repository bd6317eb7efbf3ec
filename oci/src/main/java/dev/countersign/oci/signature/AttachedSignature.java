package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import java.util.Objects;
import java.util.Optional;

/** One signature {@link ImageSigner} attached: which manifest it signs, in which scheme, and where it is stored. */
public final class AttachedSignature {
  private final Digest subject;
  private final SignatureFormat format;
  private final Descriptor manifest;
  private final String tag;

  /** {@code format} is {@link SignatureFormat#LEGACY} or {@link SignatureFormat#BUNDLE}; {@code tag} may be null. */
  public AttachedSignature(Digest subject, SignatureFormat format, Descriptor manifest, String tag) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.format = Objects.requireNonNull(format, "format");
    if (format == SignatureFormat.BOTH) {
      throw new IllegalArgumentException("an attached signature has one format, not BOTH");
    }
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.tag = tag;
  }

  /** The signed manifest's digest. */
  public Digest subject() {
    return subject;
  }

  public SignatureFormat format() {
    return format;
  }

  /** The manifest holding the signature: the {@code .sig} manifest or the bundle referrer. */
  public Descriptor manifest() {
    return manifest;
  }

  /** The tag it was written under ({@code sha256-<hex>.sig}); empty for a referrer. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AttachedSignature)) {
      return false;
    }
    AttachedSignature a = (AttachedSignature) o;
    return subject.equals(a.subject) && format == a.format && manifest.equals(a.manifest)
        && Objects.equals(tag, a.tag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subject, format, manifest, tag);
  }

  @Override
  public String toString() {
    return format + " signature of " + subject + " in " + (tag != null ? "tag " + tag : "referrer "
        + manifest.digest());
  }
}
