package dev.countersign.core.blob;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.AttestationVerification;
import dev.countersign.core.intoto.AttestationVerifier;
import dev.countersign.core.intoto.PredicateTypes;
import java.nio.file.Path;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies blob attestations the way {@code cosign verify-blob-attestation --key} does, from a DSSE envelope
 * ({@code --signature}) or a Sigstore bundle ({@code --bundle}): DSSE signatures by trusted keys (M of N),
 * payload type {@code application/vnd.in-toto+json}, the predicate type filter ({@code --type}) and a subject
 * whose digest equals the file's SHA-256 (unless {@code checkClaims(false)}, when no file is needed). The result
 * is an {@link AttestationVerification} whose report lists each check.
 *
 * <pre>{@code
 * AttestationVerification v = BlobAttestationVerifier.builder().trust(Verifiers.of(pub)).predicateType("slsaprovenance1")
 *     .build().verify(Path.of("app.tar.gz"), Bundle.parse(Path.of("app.tar.gz.sigstore.json")));
 * }</pre>
 */
public final class BlobAttestationVerifier {
  private final List<Verifier> trusted;
  private final KeyResolver resolver;
  private final int threshold;
  private final List<String> types;
  private final boolean checkClaims;
  private final TrustedTimestamps timestamps;

  private BlobAttestationVerifier(Builder b) {
    this.timestamps = b.timestamps;
    this.trusted = List.copyOf(b.trusted);
    this.resolver = b.resolver;
    this.threshold = b.threshold;
    this.types = List.copyOf(b.types);
    this.checkClaims = b.checkClaims;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies an envelope against a file ({@code artifact} may be null only when claims are not checked). */
  public AttestationVerification verify(Path artifact, DsseEnvelope envelope) {
    return verifier(artifact).verify(Objects.requireNonNull(envelope, "envelope"));
  }

  /** Verifies a bundle's DSSE envelope against a file. */
  public AttestationVerification verify(Path artifact, Bundle bundle) {
    return verifier(artifact).verify(Objects.requireNonNull(bundle, "bundle"));
  }

  private AttestationVerifier verifier(Path artifact) {
    AttestationVerifier.Builder b = AttestationVerifier.builder().trust(trusted.toArray(Verifier[]::new))
        .threshold(threshold).checkClaims(checkClaims);
    if (resolver != null) {
      b.keyResolver(resolver);
    }
    if (timestamps != null) {
      b.trustedTimestamps(timestamps);
    }
    types.forEach(b::predicateType);
    if (checkClaims) {
      if (artifact == null) {
        throw new InvalidInputException("the artifact is required to check the subject digest (or turn off "
            + "claims checking)");
      }
      b.subject(Digest.sha256(artifact));
    }
    return b.build();
  }

  /** Collects trusted keys, threshold, predicate type and claims checking. */
  public static final class Builder {
    private final List<Verifier> trusted = new ArrayList<>();
    private KeyResolver resolver;
    private int threshold = 1;
    private final List<String> types = new ArrayList<>();
    private boolean checkClaims = true;
    private TrustedTimestamps timestamps;

    private Builder() {}

    /**
     * Requires a trusted RFC 3161 timestamp over the envelope signature in the bundle (cosign
     * {@code verify-blob-attestation --timestamp-certificate-chain}); a bare envelope carries none and fails.
     */
    public Builder trustedTimestamps(TrustedTimestamps trusted) {
      this.timestamps = Objects.requireNonNull(trusted, "trusted");
      return this;
    }

    public Builder trust(Verifier... verifiers) {
      for (Verifier v : verifiers) {
        trusted.add(Objects.requireNonNull(v, "verifier"));
      }
      return this;
    }

    public Builder keyResolver(KeyResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Distinct trusted keys that must have signed; default 1. */
    public Builder threshold(int threshold) {
      if (threshold < 1) {
        throw new InvalidInputException("threshold must be at least 1, got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** Accepted predicate types (URIs or cosign shortcuts); none = any. */
    public Builder predicateType(String... typesOrShortcuts) {
      types.addAll(List.of(typesOrShortcuts));
      return this;
    }

    /** Whether the subject must match the file's digest (default true; {@code --check-claims}). */
    public Builder checkClaims(boolean checkClaims) {
      this.checkClaims = checkClaims;
      return this;
    }

    public BlobAttestationVerifier build() {
      if (trusted.isEmpty() && resolver == null) {
        throw new InvalidInputException("no trusted key: add one with trust(...) or keyResolver(...)");
      }
      types.forEach(PredicateTypes::resolve);
      return new BlobAttestationVerifier(this);
    }
  }
}
