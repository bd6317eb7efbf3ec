package dev.countersign.oci.internal.attestation;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.oci.internal.signature.BundleTimestamps;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.io.Streams;
import dev.countersign.oci.internal.manifest.ReferrerInfo;
import dev.countersign.oci.internal.signature.BundleAttach;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.SignatureFormat;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Sigstore bundle referrers of an image and checks each as an attestation. Referrers listed with another
 * artifact type, and cosign signature bundles (predicate-type annotation {@code https://sigstore.dev/cosign/sign/v1}),
 * are listed as ignored without being fetched: skipping can never accept anything. Every other one is fetched and
 * checked from the manifest itself: image manifest, bundle artifact type, subject equal to the image, exactly one
 * bundle layer within the size cap, a bundle with DSSE content, then {@link EnvelopeCheck}.
 */
public final class BundleAttestations {
  private BundleAttestations() {}

  /** Adds one entry per referrer considered to {@code found}. */
  public static void read(Repository repo, Digest image, AttestationExpectations expect, int maxReferrers,
      List<FoundAttestation> found, List<String> notes) {
    List<Descriptor> refs;
    try {
      refs = repo.referrers(image, null);
    } catch (CountersignException e) {
      found.add(failed(image, "referrers of " + image, VerificationReport.builder("referrers of " + image)
          .add(VerificationCheck.failed("referrers", null, null, e.getMessage()))));
      return;
    }
    if (refs.size() > maxReferrers) {
      notes.add(image + " has " + refs.size() + " referrers; only the first " + maxReferrers + " were considered");
    }
    List<Digest> seen = new ArrayList<>();
    for (Descriptor ref : refs.subList(0, Math.min(refs.size(), maxReferrers))) {
      if (seen.contains(ref.digest())) {
        continue;
      }
      seen.add(ref.digest());
      String where = "referrer " + ref.digest();
      VerificationReport.Builder r = VerificationReport.builder(where);
      try {
        found.add(referrer(repo, image, ref, where, expect, r));
      } catch (CountersignException | UncheckedIOException e) {
        r.add(VerificationCheck.failed("bundle", "a Sigstore bundle", null, e.getMessage()));
        found.add(failed(image, where, r));
      }
    }
  }

  private static FoundAttestation referrer(Repository repo, Digest image, Descriptor ref, String where,
      AttestationExpectations expect, VerificationReport.Builder r) {
    String listed = ref.artifactType().orElse(null);
    if (listed != null && !MediaTypes.SIGSTORE_BUNDLE_V03.equals(listed)) {
      return ignored(image, where, r, "artifact type " + listed + " is not a Sigstore bundle");
    }
    String hinted = ref.annotations().get(BundleAttach.PREDICATE_ANNOTATION);
    if (BundleAttach.PREDICATE_TYPE.equals(hinted)) {
      return ignored(image, where, r, "a cosign signature bundle, not an attestation");
    }
    Optional<Manifest> m = repo.manifest(ref.digest().toString());
    if (m.isEmpty() || !m.get().digest().equals(ref.digest())) {
      r.add(VerificationCheck.failed("referrer", "manifest " + ref.digest(), m.isEmpty() ? "missing"
          : m.get().digest().toString(), "listed as a referrer but not readable"));
      return failed(image, where, r);
    }
    if (!MediaTypes.isImageManifest(m.get().mediaType())) {
      return ignored(image, where, r, "a " + m.get().mediaType() + " manifest is not a Sigstore bundle");
    }
    ReferrerInfo info = ReferrerInfo.of(m.get());
    if (!MediaTypes.SIGSTORE_BUNDLE_V03.equals(info.artifactType())) {
      return ignored(image, where, r, "artifact type " + info.artifactType() + " is not a Sigstore bundle");
    }
    if (!info.refersTo(image)) {
      r.add(VerificationCheck.failed("referrer-subject", image.toString(), info.subject()
          .map(s -> s.digest().toString()).orElse("none"), null));
      return failed(image, where, r);
    }
    List<Descriptor> all = ImageManifest.parse(m.get()).layers();
    List<Descriptor> layers = all.stream().filter(l -> MediaTypes.SIGSTORE_BUNDLE_V03.equals(l.mediaType())).toList();
    if (layers.size() != 1) {
      r.add(VerificationCheck.failed("bundle-layer", "exactly one " + MediaTypes.SIGSTORE_BUNDLE_V03 + " layer",
          layers.size() + " of " + all.size() + " layers", null));
      return failed(image, where, r);
    }
    Descriptor layer = layers.get(0);
    if (layer.size() > expect.maxBytes()) {
      r.add(VerificationCheck.failed("bundle-layer", "at most " + expect.maxBytes() + " bytes", layer.size()
          + " bytes", "not fetched"));
      return failed(image, where, r);
    }
    Bundle bundle = Bundle.parse(Streams.readCapped(repo.openBlob(layer), expect.maxBytes(), "bundle layer"));
    Optional<DsseEnvelope> env = bundle.dsseEnvelope();
    if (env.isEmpty()) {
      r.add(VerificationCheck.failed("bundle-content", "dsseEnvelope", "messageSignature", null));
      return failed(image, where, r);
    }
    r.add(VerificationCheck.passed("bundle-content", "dsseEnvelope with " + env.get().signatures().size()
        + " signature(s)"));
    if (!bundle.verificationMaterial().tlogEntries().isEmpty()) {
      r.add(VerificationCheck.notPerformed("transparency-log", "the bundle's transparency-log entries were not"
          + " checked (key-based verification)"));
    }
    TimestampEvidence ts = BundleTimestamps.evaluate(bundle, env.get(), expect.timestamps());
    if (expect.timestamps() != null || !bundle.verificationMaterial().rfc3161Timestamps().isEmpty()) {
      r.add(ts.check());
    }
    return EnvelopeCheck.check(SignatureFormat.BUNDLE, image, where, env.get(),
        info.descriptor().annotations().get(BundleAttach.PREDICATE_ANNOTATION), expect, ts.time().orElse(null), r);
  }

  private static FoundAttestation ignored(Digest image, String where, VerificationReport.Builder r, String why) {
    r.add(VerificationCheck.notPerformed("artifact-type", why));
    return new FoundAttestation(SignatureFormat.BUNDLE, image, where, FoundAttestation.Status.IGNORED, List.of(),
        r.build(), null);
  }

  private static FoundAttestation failed(Digest image, String where, VerificationReport.Builder r) {
    return new FoundAttestation(SignatureFormat.BUNDLE, image, where, FoundAttestation.Status.FAILED, List.of(),
        r.build(), null);
  }
}
