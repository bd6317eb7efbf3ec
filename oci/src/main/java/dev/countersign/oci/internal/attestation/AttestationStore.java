package dev.countersign.oci.internal.attestation;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.signature.BundleAttach;
import dev.countersign.oci.internal.signature.LegacyAppend;
import dev.countersign.oci.internal.signature.ReferrersFallback;
import dev.countersign.oci.signature.Triangulation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import dev.countersign.core.timestamp.Timestamper;
import dev.countersign.oci.internal.signature.BundleTimestamps;
import dev.countersign.oci.internal.signature.LegacyTimestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a signed attestation onto an image the way cosign does.
 * <ul>
 * <li>Legacy: the envelope JSON is a layer of the {@code sha256-<hex>.att} image manifest, media type
 * {@code application/vnd.dsse.envelope.v1+json}, annotated {@code predicateType} and an empty
 * {@code dev.cosignproject.cosign/signature} (the signature is inside the envelope). The manifest is the same
 * shape as a {@code .sig} manifest and is appended to with the same merge-and-confirm; a layer with the same
 * digest (the same envelope) is not added twice, as cosign's duplicate detector skips it.</li>
 * <li>Bundle: a v0.3 Sigstore bundle holding the envelope, pushed as a referrer with artifact type
 * {@code application/vnd.dev.sigstore.bundle.v0.3+json} and annotations {@code dev.sigstore.bundle.content:
 * dsse-envelope} and {@code dev.sigstore.bundle.predicateType}. The bundle JSON is a function of the envelope, so
 * an existing referrer whose layer has the same digest is the same attestation and nothing is written.</li>
 * </ul>
 */
public final class AttestationStore {
  /** The annotation cosign puts the predicate type in on {@code .att} layers. */
  public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";

  private AttestationStore() {}

  /** Pushes the envelope blob and appends its layer to the image's {@code .att} manifest; returns that manifest. */
  public static Descriptor appendLegacy(Repository repo, Digest image, DsseEnvelope envelope, String predicateType,
      int maxAttempts, Duration confirmDelay) {
    return appendLegacy(repo, image, envelope, predicateType, null, maxAttempts, confirmDelay);
  }

  /**
   * {@link #appendLegacy}, with a timestamp from {@code timestamper} (may be null) over the envelope bytes as
   * stored, in cosign's {@code dev.sigstore.cosign/rfc3161timestamp} layer annotation.
   */
  public static Descriptor appendLegacy(Repository repo, Digest image, DsseEnvelope envelope, String predicateType,
      Timestamper timestamper, int maxAttempts, Duration confirmDelay) {
    byte[] json = envelope.toJson().getBytes(StandardCharsets.UTF_8);
    Descriptor blob = repo.pushBlob(MediaTypes.DSSE_ENVELOPE, json);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(LegacyAppend.SIGNATURE_ANNOTATION, "");
    annotations.put(PREDICATE_TYPE_ANNOTATION, predicateType);
    Descriptor layer = LegacyTimestamps.annotate(Descriptor.builder().mediaType(MediaTypes.DSSE_ENVELOPE)
        .digest(blob.digest()).size(blob.size()).annotations(annotations).build(),
        timestamper == null ? null : timestamper.timestampResponse(json));
    return LegacyAppend.append(repo, Triangulation.attestationTag(image), layer, maxAttempts, confirmDelay);
  }

  /** The bundle stored for {@code envelope}: the first signature's key id as the public-key hint. */
  public static Bundle bundle(DsseEnvelope envelope) {
    String hint = envelope.signatures().get(0).keyId().orElse(null);
    return Bundle.ofDsseEnvelope(VerificationMaterial.ofPublicKeyHint(hint), envelope);
  }

  /** Pushes the bundle referrer unless an identical one exists; makes it findable; returns the referrer. */
  public static Descriptor pushBundle(Repository repo, Descriptor image, DsseEnvelope envelope, String predicateType,
      Instant created, int maxAttempts, Duration confirmDelay) {
    return pushBundle(repo, image, envelope, predicateType, null, created, maxAttempts, confirmDelay);
  }

  /** {@link #pushBundle}, with a timestamp over the envelope signature when {@code timestamper} is non-null. */
  public static Descriptor pushBundle(Repository repo, Descriptor image, DsseEnvelope envelope, String predicateType,
      Timestamper timestamper, Instant created, int maxAttempts, Duration confirmDelay) {
    Bundle bundle = BundleTimestamps.stamp(bundle(envelope), timestamper);
    Digest layer = Digest.compute(DigestAlgorithm.SHA256, bundle.toJson().getBytes(StandardCharsets.UTF_8));
    Descriptor referrer = existing(repo, image.digest(), layer)
        .orElseGet(() -> BundleAttach.push(repo, image, bundle, predicateType, created));
    ReferrersFallback.ensureListed(repo, image.digest(), referrer, maxAttempts, confirmDelay);
    return referrer;
  }

  private static Optional<Descriptor> existing(Repository repo, Digest image, Digest bundleLayer) {
    for (Descriptor ref : repo.referrers(image, null)) {
      if (!MediaTypes.SIGSTORE_BUNDLE_V03.equals(ref.artifactType().orElse(null))) {
        continue;
      }
      try {
        Optional<Manifest> m = repo.manifest(ref.digest().toString());
        if (m.isPresent() && MediaTypes.isImageManifest(m.get().mediaType()) && ImageManifest.parse(m.get())
            .layers().stream().anyMatch(l -> l.digest().equals(bundleLayer))) {
          return Optional.of(ref);
        }
      } catch (CountersignException e) {
        // an unreadable referrer is not ours: push a fresh one
      }
    }
    return Optional.empty();
  }
}
