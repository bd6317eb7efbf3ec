package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import dev.countersign.core.timestamp.Timestamper;
import dev.countersign.oci.internal.signature.BundleAttach;
import dev.countersign.oci.internal.signature.BundleTimestamps;
import dev.countersign.oci.internal.signature.LegacyTimestamps;
import dev.countersign.oci.internal.signature.LegacyAppend;
import dev.countersign.oci.internal.signature.ReferrersFallback;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Signs image manifests as cosign does, in a {@link Repository} (registry or OCI layout).
 * <ul>
 * <li>{@link SignatureFormat#LEGACY}: a simple-signing payload, signed over its exact bytes, appended as a layer
 * to the {@code sha256-<hex>.sig} manifest (concurrent signers keep each other's layers: re-read, merge,
 * confirm; see {@code LegacyAppend}).</li>
 * <li>{@link SignatureFormat#BUNDLE}: an in-toto statement about the digest, DSSE-signed, in a v0.3 Sigstore
 * bundle pushed as a referrer of the manifest; when the repository does not list it as a referrer, the
 * {@code sha256-<hex>} fallback index is updated.</li>
 * </ul>
 * Pure Ed25519 keys sign the payload itself; note that cosign signs images with Ed25519ph, so cosign does not
 * accept legacy Ed25519 signatures made here (bundles are unaffected). Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ImageSigner signer = ImageSigner.builder(Signers.of(keyPair)).annotation("team", "web").build();
 * List<AttachedSignature> out = signer.sign(repo, "registry.example/team/app", imageDescriptor);
 * }</pre>
 */
public final class ImageSigner {
  private static final int MAX_DEPTH = 4;

  private final Signer signer;
  private final SignatureFormat format;
  private final Map<String, String> annotations;
  private final Clock clock;
  private final boolean recursive;
  private final int maxAttempts;
  private final Duration confirmDelay;
  private final Timestamper timestamper;

  private ImageSigner(Builder b) {
    this.timestamper = b.timestamper;
    this.signer = b.signer;
    this.format = b.format;
    this.annotations = Map.copyOf(b.annotations);
    this.clock = b.clock;
    this.recursive = b.recursive;
    this.maxAttempts = b.maxAttempts;
    this.confirmDelay = b.confirmDelay;
  }

  public static Builder builder(Signer signer) {
    return new Builder(Objects.requireNonNull(signer, "signer"));
  }

  /**
   * Signs {@code image} (and, when recursive and it is an index, every manifest it lists). {@code dockerReference}
   * is the repository as the payload names it, without tag or digest ({@code registry.example/team/app}).
   */
  public List<AttachedSignature> sign(Repository repo, String dockerReference, Descriptor image) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(image, "image");
    checkReference(dockerReference);
    List<AttachedSignature> out = new ArrayList<>();
    signTree(repo, dockerReference, image, out, new HashSet<>(), 0);
    return List.copyOf(out);
  }

  private void signTree(Repository repo, String ref, Descriptor image, List<AttachedSignature> out,
      Set<Digest> seen, int depth) {
    if (!seen.add(image.digest())) {
      return;
    }
    signOne(repo, ref, image, out);
    if (!recursive || !MediaTypes.isIndex(image.mediaType())) {
      return;
    }
    if (depth >= MAX_DEPTH) {
      throw new InvalidInputException("index nesting deeper than " + MAX_DEPTH + " at " + image.digest());
    }
    Manifest index = repo.manifest(image.digest().toString()).orElseThrow(() -> new InvalidInputException(
        "index " + image.digest() + " is not in " + repo.name()));
    if (!index.digest().equals(image.digest())) {
      throw new InvalidInputException("index fetched as " + image.digest() + " has digest " + index.digest());
    }
    for (ImageIndex.Entry child : ImageIndex.parse(index).manifests()) {
      Descriptor d = child.descriptor();
      signTree(repo, ref, Descriptor.of(d.mediaType(), d.digest(), d.size()), out, seen, depth + 1);
    }
  }

  private void signOne(Repository repo, String ref, Descriptor image, List<AttachedSignature> out) {
    Digest digest = image.digest();
    if (format.includesLegacy()) {
      SimpleSigningPayload payload = SimpleSigningPayload.of(ref, digest, annotations);
      byte[] bytes = payload.bytes();
      byte[] raw = signer.sign(bytes);
      byte[] ts = timestamper == null ? null : timestamper.timestampResponse(raw);
      Descriptor blob = repo.pushBlob(MediaTypes.COSIGN_SIMPLE_SIGNING, bytes);
      Descriptor layer = LegacyTimestamps.annotate(LegacyAppend.layer(blob, Base64.getEncoder().encodeToString(raw)),
          ts);
      Descriptor written = LegacyAppend.append(repo, digest, layer, maxAttempts, confirmDelay);
      out.add(new AttachedSignature(digest, SignatureFormat.LEGACY, written, Triangulation.signatureTag(digest)));
    }
    if (format.includesBundle()) {
      Descriptor referrer = BundleAttach.push(repo, image,
          BundleTimestamps.stamp(BundleAttach.bundle(signer, digest), timestamper), clock.instant());
      ReferrersFallback.ensureListed(repo, digest, referrer, maxAttempts, confirmDelay);
      out.add(new AttachedSignature(digest, SignatureFormat.BUNDLE, referrer, null));
    }
  }

  private static void checkReference(String ref) {
    if (ref == null || ref.isBlank()) {
      throw new InvalidInputException("docker reference is missing");
    }
    String last = ref.substring(ref.lastIndexOf('/') + 1);
    if (ref.contains("@") || last.contains(":") || !ref.equals(ref.trim())) {
      throw new InvalidInputException("docker reference must name a repository without tag or digest, got '"
          + (ref.length() > 100 ? ref.substring(0, 97) + "..." : ref) + "'");
    }
  }

  /** Collects the signer's options. */
  public static final class Builder {
    private final Signer signer;
    private SignatureFormat format = SignatureFormat.BOTH;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private boolean recursive;
    private int maxAttempts = 8;
    private Duration confirmDelay = Duration.ofMillis(250);
    private Timestamper timestamper;

    private Builder(Signer signer) {
      this.signer = signer;
    }

    /**
     * Obtains an RFC 3161 timestamp for each signature (cosign {@code --timestamp-server-url}): over the raw
     * signature of a legacy layer, stored in its {@code dev.sigstore.cosign/rfc3161timestamp} annotation, and over
     * the DSSE signature of a bundle, stored in its {@code timestampVerificationData}. Default: none.
     */
    public Builder timestamper(Timestamper timestamper) {
      this.timestamper = Objects.requireNonNull(timestamper, "timestamper");
      return this;
    }

    /** Which scheme(s) to write; default {@link SignatureFormat#BOTH}. */
    public Builder format(SignatureFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * An annotation for the legacy payload's {@code optional} (cosign {@code -a key=value}). Bundle signatures
     * carry none: their statement's predicate is {@code {}}.
     */
    public Builder annotation(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new InvalidInputException("annotation key is empty");
      }
      annotations.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** An annotation written as cosign's flag value {@code key=value}. */
    public Builder annotation(String keyEqualsValue) {
      int eq = keyEqualsValue == null ? -1 : keyEqualsValue.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("annotation must look like key=value");
      }
      return annotation(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
    }

    /** Adds every entry of {@code map} as an annotation. */
    public Builder annotations(Map<String, String> map) {
      map.forEach(this::annotation);
      return this;
    }

    /** The clock for the referrer's {@code org.opencontainers.image.created}; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether an index is signed together with every manifest it lists; default false. */
    public Builder recursive(boolean recursive) {
      this.recursive = recursive;
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

    /**
     * How long to wait after writing a tag before re-reading it to confirm no concurrent writer dropped our
     * entry; default 250 ms. Longer shrinks the lost-update window further; zero confirms immediately.
     */
    public Builder confirmDelay(Duration delay) {
      if (delay == null || delay.isNegative()) {
        throw new InvalidInputException("confirm delay must be zero or positive");
      }
      this.confirmDelay = delay;
      return this;
    }

    public ImageSigner build() {
      return new ImageSigner(this);
    }
  }
}
