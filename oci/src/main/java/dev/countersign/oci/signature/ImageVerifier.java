package dev.countersign.oci.signature;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.timestamp.TrustedTimestamps;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.signature.BundleVerification;
import dev.countersign.oci.internal.signature.LegacyVerification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies cosign image signatures with trusted keys. The reference is resolved to a digest once; then only the
 * {@code sha256-<hex>.sig} manifest, its payload blobs, the referrers and their bundle layers are read (never the
 * image's config or layers). Every signature found is checked and listed in the {@link ImageVerificationResult}:
 * legacy payloads must name the resolved digest, have the cosign type and the required annotations, and be signed
 * over their exact bytes; bundles must hold a DSSE in-toto statement about the digest with the cosign predicate
 * type. A key id in a signature is only a hint. Bad or hostile signatures fail their own entry; they never
 * throw or count as valid. Instances are immutable and thread-safe.
 *
 * <p>Requests, from a registry: resolving the reference (one HEAD; one GET when recursive), then per checked
 * manifest the {@code .sig} manifest and each payload blob, and the referrers (API or fallback index) with each
 * referrer's manifest and bundle blob. With a {@link Builder#cache cache}, a digest that passed
 * recently costs only the first request.
 *
 * <pre>{@code
 * ImageVerificationResult r = ImageVerifier.builder().trust(Verifiers.of(publicKey)).build().verify(repo, "v1.2");
 * if (!r.passed()) System.err.println(r.reason().get());
 * }</pre>
 */
public final class ImageVerifier {
  /** Most signature layers (and referrers) considered per manifest, as cosign caps them. */
  public static final int DEFAULT_MAX_SIGNATURES = 1000;
  private static final int MAX_CHILDREN = 1000;

  private final KeyResolver keys;
  private final Map<String, String> annotations;
  private final SignatureFormat formats;
  private final boolean recursive;
  private final int maxSignatures;
  private final String dockerReference;
  private final VerificationCache cache;
  private final Object policy;
  private final TrustedTimestamps timestamps;

  /** Everything besides the image that decides a verdict: what a cached pass is keyed by. */
  private record Policy(List<String> keys, KeyResolver resolver, Map<String, String> annotations,
      SignatureFormat formats, boolean recursive, int maxSignatures, String dockerReference,
      TrustedTimestamps timestamps) {}

  private ImageVerifier(Builder b) {
    List<Verifier> fixed = List.copyOf(b.trusted);
    KeyResolver extra = b.resolver;
    this.keys = extra == null ? KeyResolver.of(fixed.toArray(Verifier[]::new)) : query -> {
      List<Verifier> out = new ArrayList<>(KeyResolver.of(fixed.toArray(Verifier[]::new)).resolve(query));
      out.addAll(extra.resolve(query));
      return out;
    };
    this.annotations = Map.copyOf(b.annotations);
    this.formats = b.formats;
    this.recursive = b.recursive;
    this.maxSignatures = b.maxSignatures;
    this.dockerReference = b.dockerReference;
    this.cache = b.cache;
    this.timestamps = b.timestamps;
    this.policy = new Policy(fixed.stream().map(v -> v.keyId().value() + "/" + v.algorithm()).sorted().toList(),
        extra, annotations, formats, recursive, maxSignatures, dockerReference, timestamps);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies the image {@code tagOrDigest} names in {@code repo}. */
  public ImageVerificationResult verify(Repository repo, String tagOrDigest) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(tagOrDigest, "tagOrDigest");
    List<String> notes = new ArrayList<>();
    java.time.Instant started = cache == null ? null : cache.now();
    // recursive: one GET gives the digest and the index's children (a HEAD would need a GET after it)
    Optional<Descriptor> resolved = recursive ? repo.manifest(tagOrDigest).map(Manifest::descriptor)
        : repo.resolve(tagOrDigest);
    if (resolved.isEmpty()) {
      notes.add("no manifest " + tagOrDigest + " in " + repo.name());
      return new ImageVerificationResult(tagOrDigest, null, List.of(), List.of(), notes);
    }
    Descriptor image = resolved.get();
    VerificationCache.Key key = cache == null ? null : new VerificationCache.Key(repo.name(), image.digest(), policy);
    if (key != null) {
      Optional<ImageVerificationResult> hit = cache.get(key, tagOrDigest);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    List<Digest> subjects = new ArrayList<>(List.of(image.digest()));
    List<FoundSignature> found = new ArrayList<>();
    if (recursive && MediaTypes.isIndex(image.mediaType())) {
      subjects.addAll(children(repo, image.digest(), notes, found));
    }
    LegacyVerification.Expectations expect = new LegacyVerification.Expectations(keys, annotations,
        dockerReference, timestamps);
    for (Digest d : subjects) {
      if (formats.includesLegacy()) {
        legacy(repo, d, expect, found, notes);
      }
      if (formats.includesBundle()) {
        bundles(repo, d, expect, found, notes);
      }
    }
    ImageVerificationResult result = new ImageVerificationResult(tagOrDigest, image.digest(), subjects, found, notes);
    if (key != null) {
      cache.put(key, result, started);
    }
    return result;
  }

  private List<Digest> children(Repository repo, Digest index, List<String> notes, List<FoundSignature> found) {
    List<Digest> out = new ArrayList<>();
    try {
      Manifest m = repo.manifest(index.toString()).orElseThrow(() -> new InvalidInputException(
          "index " + index + " vanished after it was resolved"));
      List<Descriptor> children = MediaTypes.isIndex(m.mediaType())
          ? ImageIndex.parse(m).manifests().stream().map(ImageIndex.Entry::descriptor).toList() : List.of();
      if (children.size() > MAX_CHILDREN) {
        notes.add("index lists " + children.size() + " manifests; only the first " + MAX_CHILDREN + " checked");
      }
      children.stream().limit(MAX_CHILDREN).forEach(c -> {
        if (!out.contains(c.digest()) && !c.digest().equals(index)) {
          out.add(c.digest());
        }
      });
    } catch (CountersignException e) {
      notes.add("cannot read index " + index + " to verify its manifests: " + e.getMessage());
      found.add(failure(SignatureFormat.LEGACY, index, "index " + index, "index", e));
    }
    return out;
  }

  private void legacy(Repository repo, Digest d, LegacyVerification.Expectations expect, List<FoundSignature> found,
      List<String> notes) {
    String tag = Triangulation.signatureTag(d);
    List<Descriptor> layers;
    try {
      Optional<Manifest> sig = repo.manifest(tag);
      if (sig.isEmpty()) {
        notes.add("no legacy signature tag " + tag);
        return;
      }
      if (!MediaTypes.isImageManifest(sig.get().mediaType())) {
        throw new InvalidInputException(tag + " is a " + sig.get().mediaType() + ", not an image manifest");
      }
      layers = ImageManifest.parse(sig.get()).layers();
    } catch (CountersignException e) {
      found.add(failure(SignatureFormat.LEGACY, d, "tag " + tag, "signature-manifest", e));
      return;
    }
    if (layers.size() > maxSignatures) {
      notes.add(tag + " has " + layers.size() + " layers; only the first " + maxSignatures
          + " were considered (cosign reads no more)");
    }
    for (int i = 0; i < Math.min(layers.size(), maxSignatures); i++) {
      Descriptor layer = layers.get(i);
      String where = "tag " + tag + " layer " + i + " (" + layer.digest() + ")";
      if (!MediaTypes.COSIGN_SIMPLE_SIGNING.equals(layer.mediaType())) {
        found.add(new FoundSignature(SignatureFormat.LEGACY, d, where, FoundSignature.Status.IGNORED, null,
            VerificationReport.builder(where).add(VerificationCheck.notPerformed("media-type", "layer media type "
                + layer.mediaType() + " is not a cosign simple-signing payload")).build(), null, null));
        continue;
      }
      try {
        found.add(LegacyVerification.verify(repo, d, layer, where, expect));
      } catch (CountersignException e) {
        found.add(failure(SignatureFormat.LEGACY, d, where, "signature", e));
      }
    }
  }

  private void bundles(Repository repo, Digest d, LegacyVerification.Expectations expect,
      List<FoundSignature> found, List<String> notes) {
    List<Descriptor> refs;
    try {
      refs = repo.referrers(d, null);
    } catch (CountersignException e) {
      found.add(failure(SignatureFormat.BUNDLE, d, "referrers of " + d, "referrers", e));
      return;
    }
    if (refs.size() > maxSignatures) {
      notes.add(d + " has " + refs.size() + " referrers; only the first " + maxSignatures + " were considered");
    }
    List<Digest> seen = new ArrayList<>();
    for (Descriptor ref : refs.subList(0, Math.min(refs.size(), maxSignatures))) {
      if (seen.contains(ref.digest())) {
        continue;
      }
      seen.add(ref.digest());
      try {
        found.add(BundleVerification.verify(repo, d, ref, expect));
      } catch (CountersignException | java.io.UncheckedIOException e) {
        found.add(failure(SignatureFormat.BUNDLE, d, "referrer " + ref.digest(), "bundle", e));
      }
    }
  }

  private static FoundSignature failure(SignatureFormat format, Digest d, String where, String check, Exception e) {
    return new FoundSignature(format, d, where, FoundSignature.Status.FAILED, null, VerificationReport.builder(where)
        .add(VerificationCheck.failed(check, null, null, e.getMessage())).build(), null, null);
  }

  /** Collects trusted keys and requirements. */
  public static final class Builder {
    private final List<Verifier> trusted = new ArrayList<>();
    private KeyResolver resolver;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private SignatureFormat formats = SignatureFormat.BOTH;
    private boolean recursive;
    private int maxSignatures = DEFAULT_MAX_SIGNATURES;
    private String dockerReference;
    private VerificationCache cache;
    private TrustedTimestamps timestamps;

    private Builder() {}

    /**
     * Requires a trusted RFC 3161 timestamp on every signature (cosign {@code --timestamp-certificate-chain}): a
     * legacy layer's {@code dev.sigstore.cosign/rfc3161timestamp} annotation over its raw signature, a bundle's
     * {@code timestampVerificationData} over its DSSE signature. A signature without one, or with one that fails a
     * rule, fails its {@code timestamp} check; a verified token's genTime is the signing time asked of the keys.
     */
    public Builder trustedTimestamps(TrustedTimestamps trusted) {
      this.timestamps = Objects.requireNonNull(trusted, "trusted");
      return this;
    }

    /** Trusts these keys. */
    public Builder trust(Verifier... verifiers) {
      for (Verifier v : verifiers) {
        trusted.add(Objects.requireNonNull(v, "verifier"));
      }
      return this;
    }

    /** Trusts the keys a resolver returns (asked with each signature's key id hint, and for any key). */
    public Builder keyResolver(KeyResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Requires {@code key=value} in a legacy payload's {@code optional} (cosign {@code -a}). */
    public Builder requireAnnotation(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new InvalidInputException("annotation key is empty");
      }
      annotations.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Requires every entry of {@code map}. */
    public Builder requireAnnotations(Map<String, String> map) {
      map.forEach(this::requireAnnotation);
      return this;
    }

    /** Which schemes to look at; default {@link SignatureFormat#BOTH}. */
    public Builder formats(SignatureFormat formats) {
      this.formats = Objects.requireNonNull(formats, "formats");
      return this;
    }

    /** Whether an index's manifests must each be signed too; default false. */
    public Builder recursive(boolean recursive) {
      this.recursive = recursive;
      return this;
    }

    /** Most signature layers / referrers considered per manifest; default 1000. */
    public Builder maxSignatures(int max) {
      if (max < 1) {
        throw new InvalidInputException("maxSignatures must be at least 1, got " + max);
      }
      this.maxSignatures = max;
      return this;
    }

    /** Requires legacy payloads to name this repository ({@code critical.identity.docker-reference}). */
    public Builder dockerReference(String ref) {
      this.dockerReference = ref;
      return this;
    }

    /**
     * Reuses passed verdicts from {@code cache} (see {@link VerificationCache} for what a cached pass means); a
     * repeated verification then costs one request, resolving the reference. Default: none.
     */
    public Builder cache(VerificationCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    public ImageVerifier build() {
      if (trusted.isEmpty() && resolver == null) {
        throw new InvalidInputException("no trusted keys: call trust(...) or keyResolver(...)");
      }
      return new ImageVerifier(this);
    }
  }
}
