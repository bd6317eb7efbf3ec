package dev.countersign.oci.signature;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.timestamp.TrustedTimestamps;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.attestation.AttestationExpectations;
import dev.countersign.oci.internal.attestation.BundleAttestations;
import dev.countersign.oci.internal.attestation.LegacyAttestations;
import dev.countersign.oci.internal.attestation.TypeMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Verifies the in-toto attestations attached to an image (cosign {@code verify-attestation} with keys). The
 * reference is resolved to a digest once; then the {@code sha256-<hex>.att} layers and the Sigstore bundle
 * referrers of that digest are read. Each DSSE envelope must have the in-toto payload type (checked before the
 * payload is read) and signatures by at least {@link Builder#threshold threshold} distinct trusted keys; its
 * verified payload is then always decoded as a statement (a {@code predicateType} annotation is only a hint), which
 * must name the resolved digest as a subject, so an attestation of another image copied onto this one is rejected.
 * {@link Builder#type type} keeps only statements of one predicate type. Bad or hostile attestations fail their
 * own entry; they never throw or count. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ImageAttestationResult r = ImageAttestationVerifier.builder().trust(Verifiers.of(publicKey))
 *     .type("slsaprovenance1").build().verify(repo, "v1.2");
 * r.orThrow().statements().forEach(s -> System.out.println(s.predicate()));
 * }</pre>
 */
public final class ImageAttestationVerifier {
  /** Most {@code .att} layers (and referrers) considered per image, as for signatures. */
  public static final int DEFAULT_MAX_ATTESTATIONS = 1000;
  /** Default cap on one envelope or bundle layer: 16 MiB. */
  public static final int DEFAULT_MAX_BYTES = InTotoStatement.DEFAULT_MAX_BYTES;

  private final AttestationExpectations expect;
  private final SignatureFormat formats;
  private final int maxAttestations;
  private final VerificationCache cache;
  private final Object policy;

  /** Everything besides the image that decides a verdict: what a cached pass is keyed by. */
  private record Policy(List<String> keys, KeyResolver resolver, int threshold, String type, SignatureFormat formats,
      int maxAttestations, int maxBytes, TrustedTimestamps timestamps) {}

  private ImageAttestationVerifier(Builder b) {
    List<Verifier> fixed = List.copyOf(b.trusted);
    KeyResolver extra = b.resolver;
    KeyResolver fixedKeys = KeyResolver.of(fixed.toArray(Verifier[]::new));
    KeyResolver keys = extra == null ? fixedKeys : query -> {
      List<Verifier> out = new ArrayList<>(fixedKeys.resolve(query));
      List<Verifier> more = extra.resolve(query);
      if (more != null) {
        out.addAll(more);
      }
      return out;
    };
    Predicate<String> matches = b.type == null ? t -> true : TypeMatch.matcher(b.type);
    this.expect = new AttestationExpectations(keys, b.threshold, b.type, matches, b.maxBytes, b.timestamps);
    this.formats = b.formats;
    this.maxAttestations = b.maxAttestations;
    this.cache = b.cache;
    this.policy = new Policy(fixed.stream().map(v -> v.keyId().value() + "/" + v.algorithm()).sorted().toList(),
        extra, b.threshold, b.type, formats, maxAttestations, b.maxBytes, b.timestamps);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies the attestations of the image {@code tagOrDigest} names in {@code repo}. */
  public ImageAttestationResult verify(Repository repo, String tagOrDigest) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(tagOrDigest, "tagOrDigest");
    List<String> notes = new ArrayList<>();
    Instant started = cache == null ? null : cache.now();
    Optional<Descriptor> resolved = repo.resolve(tagOrDigest);
    if (resolved.isEmpty()) {
      notes.add("no manifest " + tagOrDigest + " in " + repo.name());
      return new ImageAttestationResult(tagOrDigest, null, expect.type(), List.of(), notes);
    }
    Descriptor image = resolved.get();
    VerificationCache.Key key = cache == null ? null : new VerificationCache.Key(repo.name(), image.digest(), policy);
    if (key != null) {
      Optional<ImageAttestationResult> hit = cache.getAttestations(key, tagOrDigest);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    List<FoundAttestation> found = new ArrayList<>();
    if (formats.includesLegacy()) {
      LegacyAttestations.read(repo, image.digest(), expect, maxAttestations, found, notes);
    }
    if (formats.includesBundle()) {
      BundleAttestations.read(repo, image.digest(), expect, maxAttestations, found, notes);
    }
    ImageAttestationResult result = new ImageAttestationResult(tagOrDigest, image.digest(), expect.type(), found,
        notes);
    if (key != null) {
      cache.putAttestations(key, result, started);
    }
    return result;
  }

  /** Collects trusted keys and requirements. */
  public static final class Builder {
    private final List<Verifier> trusted = new ArrayList<>();
    private KeyResolver resolver;
    private int threshold = 1;
    private String type;
    private SignatureFormat formats = SignatureFormat.BOTH;
    private int maxAttestations = DEFAULT_MAX_ATTESTATIONS;
    private int maxBytes = DEFAULT_MAX_BYTES;
    private VerificationCache cache;
    private TrustedTimestamps timestamps;

    /**
     * Requires a trusted RFC 3161 timestamp on every attestation (cosign {@code verify-attestation
     * --timestamp-certificate-chain}): a legacy {@code .att} layer's {@code dev.sigstore.cosign/rfc3161timestamp}
     * annotation over the envelope bytes, a bundle's {@code timestampVerificationData} over the DSSE signature.
     * Missing or failing a rule fails that attestation's {@code timestamp} check; a verified token's genTime is the
     * signing time asked of the keys.
     */
    public Builder trustedTimestamps(TrustedTimestamps trusted) {
      this.timestamps = Objects.requireNonNull(trusted, "trusted");
      return this;
    }

    private Builder() {}

    /** Trusts these keys. */
    public Builder trust(Verifier... verifiers) {
      for (Verifier v : verifiers) {
        trusted.add(Objects.requireNonNull(v, "verifier"));
      }
      return this;
    }

    /** Trusts the keys a resolver returns (asked with each signature's key id as a hint). */
    public Builder keyResolver(KeyResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** How many distinct trusted keys must have signed one envelope (M of N); default 1. */
    public Builder threshold(int threshold) {
      if (threshold < 1) {
        throw new InvalidInputException("threshold must be at least 1, got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /**
     * Only statements of this predicate type count: a URI, matched exactly except that versioned CycloneDX and SPDX
     * URIs match their unversioned type, or one of cosign's shortcuts ({@code slsaprovenance}, {@code cyclonedx},
     * {@code vuln}, ...). Default: any type.
     */
    public Builder type(String predicateType) {
      if (predicateType == null || predicateType.isBlank()) {
        throw new InvalidInputException("predicate type is empty");
      }
      TypeMatch.matcher(predicateType);
      this.type = predicateType;
      return this;
    }

    /** Which schemes to look at; default {@link SignatureFormat#BOTH}. */
    public Builder formats(SignatureFormat formats) {
      this.formats = Objects.requireNonNull(formats, "formats");
      return this;
    }

    /** Most {@code .att} layers and referrers considered per image; default 1000. */
    public Builder maxAttestations(int max) {
      if (max < 1) {
        throw new InvalidInputException("maxAttestations must be at least 1, got " + max);
      }
      this.maxAttestations = max;
      return this;
    }

    /** Largest envelope or bundle layer fetched, 1 KiB to 16 MiB; default 16 MiB. Larger ones fail unread. */
    public Builder maxEnvelopeBytes(int max) {
      if (max < 1024 || max > DEFAULT_MAX_BYTES) {
        throw new InvalidInputException("maxEnvelopeBytes must be 1024 to " + DEFAULT_MAX_BYTES + ", got " + max);
      }
      this.maxBytes = max;
      return this;
    }

    /** Reuses passed verdicts from {@code cache} (see {@link VerificationCache}); default none. */
    public Builder cache(VerificationCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    public ImageAttestationVerifier build() {
      if (trusted.isEmpty() && resolver == null) {
        throw new InvalidInputException("no trusted keys: call trust(...) or keyResolver(...)");
      }
      return new ImageAttestationVerifier(this);
    }
  }
}
