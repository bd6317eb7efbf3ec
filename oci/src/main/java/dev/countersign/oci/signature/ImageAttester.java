package dev.countersign.oci.signature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.timestamp.Timestamper;
import dev.countersign.core.intoto.AttestationBuilder;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.StatementVersion;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.attestation.AttestationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Attaches signed in-toto attestations (DSSE envelopes whose payload is a statement about the image) to an image
 * in a {@link Repository}, where cosign keeps them:
 * <ul>
 * <li>{@link SignatureFormat#LEGACY}: a layer of the {@code sha256-<hex>.att} manifest (media type
 * {@code application/vnd.dsse.envelope.v1+json}, annotations {@code predicateType} and an empty
 * {@code dev.cosignproject.cosign/signature}), appended like {@code cosign attest} appends; concurrent writers
 * keep each other's layers.</li>
 * <li>{@link SignatureFormat#BUNDLE}: a v0.3 Sigstore bundle holding the envelope, pushed as an OCI referrer
 * (annotations {@code dev.sigstore.bundle.content: dsse-envelope} and {@code dev.sigstore.bundle.predicateType}),
 * as cosign 3 does.</li>
 * </ul>
 * Attaching is idempotent: the same envelope attached again adds no layer and no referrer. The envelope is checked
 * before anything is written: in-toto payload type, a strictly valid statement, and a subject with the image's
 * digest (an attestation about another image is refused). Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * List<AttachedSignature> out = ImageAttester.builder().build()
 *     .attest(repo, imageDescriptor, "registry.example/team/app", signer, "slsaprovenance1", predicateJson);
 * // or, with an envelope signed elsewhere (e.g. AttestationBuilder):
 * ImageAttester.builder().format(SignatureFormat.LEGACY).build().attach(repo, imageDescriptor, envelope);
 * }</pre>
 */
public final class ImageAttester {
  private final SignatureFormat format;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration confirmDelay;
  private final StatementVersion statementVersion;
  private final Timestamper timestamper;

  private ImageAttester(Builder b) {
    this.timestamper = b.timestamper;
    this.statementVersion = b.statementVersion;
    this.format = b.format;
    this.clock = b.clock;
    this.maxAttempts = b.maxAttempts;
    this.confirmDelay = b.confirmDelay;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Attaches {@code envelope} to {@code image}; returns where it is stored, one entry per scheme written. */
  public List<AttachedSignature> attach(Repository repo, Descriptor image, DsseEnvelope envelope) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(envelope, "envelope");
    if (!InTotoStatement.PAYLOAD_TYPE.equals(envelope.payloadType())) {
      throw new InvalidInputException("attestation payload type must be " + InTotoStatement.PAYLOAD_TYPE + ", got '"
          + abbreviate(envelope.payloadType()) + "'");
    }
    InTotoStatement statement = InTotoStatement.parse(envelope.payload());
    if (!statement.hasSubject(image.digest())) {
      throw new InvalidInputException("the attestation's statement is not about " + image.digest() + "; its subjects: "
          + abbreviate(statement.subjects().toString()));
    }
    String predicateType = statement.predicateType();
    List<AttachedSignature> out = new ArrayList<>();
    if (format.includesLegacy()) {
      Descriptor att = AttestationStore.appendLegacy(repo, image.digest(), envelope, predicateType, timestamper,
          maxAttempts, confirmDelay);
      out.add(new AttachedSignature(image.digest(), SignatureFormat.LEGACY, att,
          Triangulation.attestationTag(image.digest())));
    }
    if (format.includesBundle()) {
      Descriptor referrer = AttestationStore.pushBundle(repo, image, envelope, predicateType, timestamper,
          clock.instant(), maxAttempts, confirmDelay);
      out.add(new AttachedSignature(image.digest(), SignatureFormat.BUNDLE, referrer, null));
    }
    return List.copyOf(out);
  }

  /**
   * Builds a statement about {@code image} (subject: the image digest, named by {@code subjectName}, e.g. the
   * repository), with {@code predicateType} (a URI or a cosign shortcut such as {@code slsaprovenance1}) and
   * {@code predicate}, in the statement version set on the builder, signs it with {@code signer} and attaches it.
   */
  public List<AttachedSignature> attest(Repository repo, Descriptor image, String subjectName, Signer signer,
      String predicateType, JsonNode predicate) {
    Objects.requireNonNull(image, "image");
    DsseEnvelope env = AttestationBuilder.of(Objects.requireNonNull(signer, "signer"))
        .subject(Objects.requireNonNull(subjectName, "subjectName"), image.digest())
        .predicate(PredicateTypes.resolve(predicateType), Objects.requireNonNull(predicate, "predicate"))
        .statementVersion(statementVersion).build().envelope();
    return attach(repo, image, env);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 197) + "...";
  }

  /** Collects the attester's options. */
  public static final class Builder {
    private SignatureFormat format = SignatureFormat.BOTH;
    private Clock clock = Clock.systemUTC();
    private int maxAttempts = 8;
    private Duration confirmDelay = Duration.ofMillis(250);
    private StatementVersion statementVersion = StatementVersion.V1;
    private Timestamper timestamper;

    private Builder() {}

    /**
     * Obtains an RFC 3161 timestamp for each attestation (cosign {@code attest --timestamp-server-url}): over the
     * envelope JSON of a legacy {@code .att} layer (its {@code dev.sigstore.cosign/rfc3161timestamp} annotation),
     * over the DSSE signature of a bundle (its {@code timestampVerificationData}). Default: none.
     */
    public Builder timestamper(Timestamper timestamper) {
      this.timestamper = Objects.requireNonNull(timestamper, "timestamper");
      return this;
    }

    /** The statement version {@link #attest} writes; default {@link StatementVersion#V1} (cosign writes v0.1). */
    public Builder statementVersion(StatementVersion version) {
      this.statementVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Which scheme(s) to write; default {@link SignatureFormat#BOTH}. */
    public Builder format(SignatureFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The clock for the referrer's {@code org.opencontainers.image.created}; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often a tag update is retried when concurrent writers interfere; default 8. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new InvalidInputException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** How long to wait after writing a tag before re-reading it to confirm it; default 250 ms. */
    public Builder confirmDelay(Duration delay) {
      if (delay == null || delay.isNegative()) {
        throw new InvalidInputException("confirm delay must be zero or positive");
      }
      this.confirmDelay = delay;
      return this;
    }

    public ImageAttester build() {
      return new ImageAttester(this);
    }
  }
}
