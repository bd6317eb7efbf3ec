package dev.countersign.core.dsse;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.internal.dsse.Candidates;
import dev.countersign.core.internal.dsse.EnvelopeVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies {@link DsseEnvelope}s against trusted keys: the payload type must equal the expected type (checked
 * before anything reads the payload), and signatures over PAE must verify with at least {@code threshold}
 * <em>distinct</em> trusted keys. A signature's {@code keyid} is only a hint for ordering keys. ECDSA signatures
 * are accepted as DER and as IEEE P1363 {@code r||s}. The hash is the trusted {@link Verifier}'s: pick its
 * {@link dev.countersign.core.SignatureAlgorithm} to match the signer (in-toto-java signs P-521 keys with SHA-256).
 *
 * <pre>{@code
 * DsseVerifier v = DsseVerifier.builder().trust(verifier).payloadType("application/vnd.in-toto+json").build();
 * VerificationReport report = v.verify(envelope);   // inspect, or:
 * byte[] statement = v.verifiedPayload(envelope);   // throws VerificationException unless it verified
 * }</pre>
 */
public final class DsseVerifier {
  private final KeyResolver keys;
  private final String payloadType;
  private final int threshold;

  private DsseVerifier(Builder b) {
    this.keys = Candidates.combine(b.trusted, b.resolver);
    this.payloadType = b.payloadType;
    this.threshold = b.threshold;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs every check and reports; never throws for a bad signature. */
  public VerificationReport verify(DsseEnvelope envelope) {
    return EnvelopeVerification.verify(Objects.requireNonNull(envelope, "envelope"), payloadType, keys, threshold);
  }

  /**
   * {@link #verify(DsseEnvelope)} with the trusted signing time (e.g. a verified RFC 3161 timestamp's genTime)
   * handed to the key resolver as {@link dev.countersign.core.KeyQuery#time()}; null: unknown.
   */
  public VerificationReport verify(DsseEnvelope envelope, Instant signingTime) {
    return EnvelopeVerification.verify(Objects.requireNonNull(envelope, "envelope"), payloadType, keys, threshold,
        signingTime);
  }

  /**
   * The payload of a verified envelope.
   *
   * @throws dev.countersign.core.VerificationException carrying the report when it did not verify
   */
  public byte[] verifiedPayload(DsseEnvelope envelope) {
    verify(envelope).orThrow();
    return envelope.payload();
  }

  public String payloadType() {
    return payloadType;
  }

  public int threshold() {
    return threshold;
  }

  /** Collects the expected payload type, trusted keys and threshold. */
  public static final class Builder {
    private final List<Verifier> trusted = new ArrayList<>();
    private KeyResolver resolver;
    private String payloadType;
    private int threshold = 1;

    private Builder() {}

    /** Adds trusted keys (each with the signature algorithm its signer used). */
    public Builder trust(Verifier... verifiers) {
      for (Verifier v : verifiers) {
        trusted.add(Objects.requireNonNull(v, "verifier"));
      }
      return this;
    }

    /** Adds a resolver of trusted keys, asked once per signature with the signature's keyid as hint. */
    public Builder keyResolver(KeyResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The payload type envelopes must carry, e.g. {@code application/vnd.in-toto+json}. Required. */
    public Builder payloadType(String payloadType) {
      this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
      return this;
    }

    /** How many distinct trusted keys must have signed; default 1. */
    public Builder threshold(int threshold) {
      if (threshold < 1) {
        throw new InvalidInputException("DSSE threshold must be at least 1, got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    public DsseVerifier build() {
      if (payloadType == null) {
        throw new InvalidInputException("the expected DSSE payload type is required (payloadType(...))");
      }
      return new DsseVerifier(this);
    }
  }
}
