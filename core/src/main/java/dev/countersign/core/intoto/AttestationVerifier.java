package dev.countersign.core.intoto;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseVerifier;
import dev.countersign.core.internal.intoto.AttestationChecks;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies in-toto attestations in DSSE envelopes or Sigstore bundles against trusted keys. Checks, in order:
 * {@code payload-type} ({@code application/vnd.in-toto+json}, before the payload is read), {@code signature} and
 * {@code threshold} (M of N distinct trusted keys), {@code statement} (strict parse, size cap),
 * {@code predicate-type} (when a filter is set; lenient for versioned CycloneDX/SPDX/OpenVEX), and
 * {@code subject} (a subject's digest must match the expected artifact digest, unless claims checking is off).
 * A bundle signed with a certificate (keyless) is parsed and checked, but its {@code signature} is
 * {@linkplain dev.countersign.core.VerificationCheck.Status#NOT_PERFORMED not performed} (no Sigstore trust root
 * here) and its {@code threshold} fails, so it never passes. With no trusted key every signature check fails.
 *
 * <pre>{@code
 * AttestationVerification v = AttestationVerifier.builder().trust(devKey)
 *     .predicateType("slsaprovenance1").subject(imageDigest).build().verify(envelope);
 * InTotoStatement s = v.verifiedStatement();   // throws VerificationException unless every check passed
 * }</pre>
 */
public final class AttestationVerifier {
  private final DsseVerifier dsse;
  private final List<String> predicateTypes;
  private final DigestSet subject;
  private final boolean checkClaims;
  private final int maxStatementBytes;
  private final TrustedTimestamps timestamps;

  private AttestationVerifier(Builder b, DsseVerifier dsse) {
    this.timestamps = b.timestamps;
    this.dsse = dsse;
    this.predicateTypes = List.copyOf(b.predicateTypes);
    this.subject = b.subject;
    this.checkClaims = b.checkClaims;
    this.maxStatementBytes = b.maxStatementBytes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies an envelope; never throws for a bad signature or statement (see the report). */
  public AttestationVerification verify(DsseEnvelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    TimestampEvidence ts = timestamps == null ? null
        : TimestampEvidence.evaluate(List.of(), firstSignature(envelope), "the envelope signature", timestamps);
    return AttestationChecks.verify(envelope, dsse, predicateTypes, subject, checkClaims, maxStatementBytes, null,
        null, ts);
  }

  /**
   * Runs every check except the signatures, which are reported as not performed (and the threshold as failed, so
   * the result never passes): for reading attestations whose signers cannot be checked here, such as keyless
   * envelopes carrying Fulcio certificates.
   */
  public AttestationVerification inspect(DsseEnvelope envelope) {
    return AttestationChecks.verify(Objects.requireNonNull(envelope, "envelope"), dsse, predicateTypes, subject,
        checkClaims, maxStatementBytes, null, "inspection only: the signatures were not checked");
  }

  /** Verifies a bundle's DSSE envelope (a message-signature bundle is refused as bad input). */
  public AttestationVerification verify(Bundle bundle) {
    DsseEnvelope env = Objects.requireNonNull(bundle, "bundle").dsseEnvelope().orElseThrow(() ->
        new InvalidInputException("the bundle holds a message signature, not a DSSE attestation"));
    VerificationMaterial m = bundle.verificationMaterial();
    List<byte[]> tokens = new ArrayList<>();
    m.rfc3161Timestamps().forEach(t -> tokens.add(t.signedTimestamp()));
    TimestampEvidence ts = timestamps == null && tokens.isEmpty() ? null
        : TimestampEvidence.evaluate(tokens, firstSignature(env), "the envelope signature", timestamps);
    return AttestationChecks.verify(env, dsse, predicateTypes, subject, checkClaims, maxStatementBytes, m,
        m.kind() == VerificationMaterial.Kind.PUBLIC_KEY ? null : "signed with a certificate (keyless); no Sigstore "
            + "trust root (Fulcio CA, Rekor key) is configured, so the signature was not checked", ts);
  }

  /** The bytes Sigstore clients timestamp for a DSSE bundle: the envelope's first signature. */
  private static byte[] firstSignature(DsseEnvelope env) {
    return env.signatures().isEmpty() ? new byte[0] : env.signatures().get(0).sig();
  }

  /** Collects trusted keys, threshold, predicate-type filter and the expected subject. */
  public static final class Builder {
    private final DsseVerifier.Builder dsse = DsseVerifier.builder().payloadType(InTotoStatement.PAYLOAD_TYPE);
    private final List<String> predicateTypes = new ArrayList<>();
    private DigestSet subject;
    private boolean checkClaims = true;
    private int maxStatementBytes = InTotoStatement.DEFAULT_MAX_BYTES;
    private TrustedTimestamps timestamps;

    private Builder() {}

    /**
     * Requires a trusted RFC 3161 timestamp over the envelope's signature (cosign
     * {@code --timestamp-certificate-chain}): a bundle must carry one in {@code timestampVerificationData} that
     * verifies (a bare envelope carries none and fails); its genTime is the signing time asked of the keys.
     */
    public Builder trustedTimestamps(TrustedTimestamps trusted) {
      this.timestamps = Objects.requireNonNull(trusted, "trusted");
      return this;
    }

    /** Adds trusted keys. */
    public Builder trust(Verifier... verifiers) {
      dsse.trust(verifiers);
      return this;
    }

    /** Adds a resolver of trusted keys (asked with each signature's keyid as a hint). */
    public Builder keyResolver(KeyResolver resolver) {
      dsse.keyResolver(resolver);
      return this;
    }

    /** How many distinct trusted keys must have signed; default 1. */
    public Builder threshold(int threshold) {
      dsse.threshold(threshold);
      return this;
    }

    /** Accepts these predicate types (URIs or cosign shortcuts); none set = any type. */
    public Builder predicateType(String... typesOrShortcuts) {
      for (String t : typesOrShortcuts) {
        predicateTypes.add(PredicateTypes.resolve(t));
      }
      return this;
    }

    /** The artifact a subject must name. */
    public Builder subject(Digest digest) {
      return subject(DigestSet.of(digest));
    }

    /** The artifact a subject must name, as a digest set. */
    public Builder subject(DigestSet digest) {
      if (Objects.requireNonNull(digest, "digest").isEmpty()) {
        throw new InvalidInputException("the expected subject digest set is empty");
      }
      this.subject = digest;
      return this;
    }

    /** Whether the subject is compared with the expected digest (default true; cosign's {@code --check-claims}). */
    public Builder checkClaims(boolean checkClaims) {
      this.checkClaims = checkClaims;
      return this;
    }

    /** Size cap of the statement payload; default 16 MiB. */
    public Builder maxStatementBytes(int maxBytes) {
      if (maxBytes < 1) {
        throw new InvalidInputException("statement size cap must be positive, got " + maxBytes);
      }
      this.maxStatementBytes = maxBytes;
      return this;
    }

    public AttestationVerifier build() {
      return new AttestationVerifier(this, dsse.build());
    }
  }
}
