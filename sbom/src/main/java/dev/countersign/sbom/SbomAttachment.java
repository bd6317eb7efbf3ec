package dev.countersign.sbom;

import dev.countersign.core.Digest;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.signature.AttachedSignature;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SbomAttestor} attached: the image digest (the statement's subject), the SBOM document, the signed
 * DSSE envelope, and where it is stored (one entry per scheme written: {@code .att} layer and/or Sigstore bundle
 * referrer).
 */
public final class SbomAttachment {
  private final Digest image;
  private final SbomDocument document;
  private final DsseEnvelope envelope;
  private final List<AttachedSignature> stored;

  SbomAttachment(Digest image, SbomDocument document, DsseEnvelope envelope, List<AttachedSignature> stored) {
    this.image = Objects.requireNonNull(image, "image");
    this.document = Objects.requireNonNull(document, "document");
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    this.stored = List.copyOf(stored);
  }

  /** The digest the reference resolved to: the statement's subject. */
  public Digest image() {
    return image;
  }

  /** The SBOM carried as the predicate. */
  public SbomDocument document() {
    return document;
  }

  /** The signed envelope as attached. */
  public DsseEnvelope envelope() {
    return envelope;
  }

  /** Where the attestation is stored, one entry per scheme written. */
  public List<AttachedSignature> stored() {
    return stored;
  }

  @Override
  public String toString() {
    return "SbomAttachment{" + image + " " + document + " " + stored + "}";
  }
}
