package dev.countersign.sbom;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.AttestationBuilder;
import dev.countersign.core.intoto.StatementVersion;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.AttachedSignature;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageAttester;
import dev.countersign.oci.signature.SignatureFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.cyclonedx.model.Bom;

/**
 * Signs an SBOM as an in-toto attestation about an image and attaches it where cosign keeps attestations
 * ({@code sha256-<hex>.att} layer and/or Sigstore bundle referrer, through {@link ImageAttester}). CycloneDX is
 * attached with predicate type {@code https://cyclonedx.org/bom} (the BOM's JSON object as the predicate, as
 * {@code cosign attest --type cyclonedx} writes it), SPDX with {@code https://spdx.dev/Document}. The reference is
 * resolved to a digest once; generation, subject and attachment all use that digest.
 *
 * <p>Predicates above {@link Builder#maxPredicateBytes} (default 16 MiB, the GitHub attest limit) are refused, and
 * so are envelopes too large for attestation readers ({@link ImageAttestationVerifier#DEFAULT_MAX_BYTES} per layer,
 * which the base64 payload reaches at about 12 MiB of SBOM). Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * SbomAttestor attestor = SbomAttestor.builder().signer(KeyBackends.discover().signer("awskms:///alias/release",
 *     passwords)).build();
 * SbomAttachment a = attestor.attest(repo, "registry.example/team/app", "v1.2");   // generate, sign, attach
 * }</pre>
 */
public final class SbomAttestor {
  /** Room left in a layer for the Sigstore bundle around the envelope (verification material, media type). */
  static final int BUNDLE_OVERHEAD = 16 << 10;

  private final Signer signer;
  private final SignatureFormat format;
  private final StatementVersion statementVersion;
  private final int maxPredicateBytes;
  private final SbomGenerator generator;
  private final ImageAttester attester;

  private SbomAttestor(Builder b) {
    this.signer = b.signer;
    this.format = b.format;
    this.statementVersion = b.statementVersion;
    this.maxPredicateBytes = b.maxPredicateBytes;
    this.generator = b.generator == null ? SbomGenerator.builder().build() : b.generator;
    this.attester = ImageAttester.builder().format(format).statementVersion(statementVersion).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates the CycloneDX SBOM of the image {@code tagOrDigest} names, signs it as a statement about the image's
   * digest ({@code reference} names the subject, e.g. {@code registry.example/team/app}) and attaches it.
   */
  public SbomAttachment attest(Repository repo, String reference, String tagOrDigest) {
    Descriptor image = resolve(repo, tagOrDigest);
    Bom bom = generator.generate(repo, image.digest().toString());
    // No import cap here: attach() refuses an oversized SBOM with the attestation limit in the message.
    SbomDocuments documents = SbomDocuments.builder().maxBytes(256 << 20).build();
    SbomDocument doc = bom.getSpecVersion() == null ? documents.fromBom(bom, generator.specVersion)
        : documents.fromBom(bom);
    return attach(repo, reference, image, doc);
  }

  /** Signs {@code document} (e.g. from {@link SbomDocuments}) as a statement about the image and attaches it. */
  public SbomAttachment attach(Repository repo, String reference, String tagOrDigest, SbomDocument document) {
    Objects.requireNonNull(document, "document");
    return attach(repo, reference, resolve(repo, tagOrDigest), document);
  }

  private SbomAttachment attach(Repository repo, String reference, Descriptor image, SbomDocument document) {
    Objects.requireNonNull(reference, "reference");
    if (document.size() > maxPredicateBytes) {
      throw new InvalidInputException("the SBOM is " + document.size() + " bytes as JSON, above the "
          + maxPredicateBytes + "-byte limit for SBOM attestations" + (maxPredicateBytes
          == SbomDocuments.DEFAULT_MAX_BYTES ? " (16 MiB, the GitHub attest limit)" : "") + "; it was not attached");
    }
    DsseEnvelope envelope = AttestationBuilder.of(signer).subject(reference, image.digest())
        .predicate(document.predicateType(), document.predicate()).statementVersion(statementVersion).build()
        .envelope();
    long envelopeBytes = envelope.toJson().getBytes(StandardCharsets.UTF_8).length;
    if (envelopeBytes + BUNDLE_OVERHEAD > ImageAttestationVerifier.DEFAULT_MAX_BYTES) {
      throw new InvalidInputException("the SBOM is " + document.size() + " bytes; signed, its DSSE envelope is "
          + envelopeBytes + " bytes (the statement is base64-encoded), more than the "
          + (ImageAttestationVerifier.DEFAULT_MAX_BYTES >> 20) + " MiB an attestation layer may hold for verifiers "
          + "to read it; it was not attached");
    }
    List<AttachedSignature> stored = attester.attach(repo, image, envelope);
    return new SbomAttachment(image.digest(), document, envelope, stored);
  }

  private static Descriptor resolve(Repository repo, String tagOrDigest) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(tagOrDigest, "tagOrDigest");
    return repo.resolve(tagOrDigest).orElseThrow(() -> new InvalidInputException("no image " + tagOrDigest
        + " in " + repo.name()));
  }

  /** Collects the attestor's options. */
  public static final class Builder {
    private Signer signer;
    private SignatureFormat format = SignatureFormat.BOTH;
    private StatementVersion statementVersion = StatementVersion.V1;
    private int maxPredicateBytes = SbomDocuments.DEFAULT_MAX_BYTES;
    private SbomGenerator generator;

    private Builder() {}

    /** The signer: any core {@link Signer} (file key, {@code awskms://} via KeyBackends, Tink, ...). Required. */
    public Builder signer(Signer signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /** Which scheme(s) to write; default {@link SignatureFormat#BOTH}. */
    public Builder format(SignatureFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The in-toto statement version; default {@link StatementVersion#V1} (cosign writes v0.1). */
    public Builder statementVersion(StatementVersion version) {
      this.statementVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Largest predicate (the SBOM as JSON) attached, 1 to 16 MiB in bytes; default 16 MiB. */
    public Builder maxPredicateBytes(int max) {
      if (max < 1 || max > SbomDocuments.DEFAULT_MAX_BYTES) {
        throw new InvalidInputException("maxPredicateBytes must be 1 to " + SbomDocuments.DEFAULT_MAX_BYTES
            + ", got " + max);
      }
      this.maxPredicateBytes = max;
      return this;
    }

    /** The generator {@link #attest} uses; default {@code SbomGenerator.builder().build()} (CycloneDX 1.6). */
    public Builder generator(SbomGenerator generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
      return this;
    }

    public SbomAttestor build() {
      if (signer == null) {
        throw new InvalidInputException("no signer: call signer(...)");
      }
      return new SbomAttestor(this);
    }
  }
}
