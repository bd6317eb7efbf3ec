package dev.countersign.oci.internal.signature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseVerifier;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.io.Streams;
import dev.countersign.oci.internal.manifest.OciJson;
import dev.countersign.oci.internal.manifest.ReferrerInfo;
import dev.countersign.oci.signature.FoundSignature;
import dev.countersign.oci.signature.SignatureFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one referrer as a cosign v3 signature bundle. A referrer listed with another predicate-type annotation
 * (an attestation) is ignored unread. The referrer manifest itself is read (an index's
 * {@code artifactType} is never trusted); then its subject, its single bundle layer (size capped), the DSSE
 * envelope by a trusted key, and the in-toto statement: type, predicate type, and a subject digest equal to the
 * resolved digest.
 */
public final class BundleVerification {
  /** Largest bundle layer read: 1 MiB. */
  public static final int MAX_BUNDLE_BYTES = 1 << 20;

  private BundleVerification() {}

  /** Verifies the referrer {@code ref} of {@code subject}. */
  public static FoundSignature verify(Repository repo, Digest subject, Descriptor ref,
      LegacyVerification.Expectations expect) {
    String location = "referrer " + ref.digest();
    VerificationReport.Builder r = VerificationReport.builder(location);
    String annotatedType = ref.annotations().get(BundleAttach.PREDICATE_ANNOTATION);
    if (annotatedType != null && !BundleAttach.PREDICATE_TYPE.equals(annotatedType)) {
      // an attestation bundle (cosign attest): not a signature; skipping it can never accept anything
      return ignored(subject, location, r, "a bundle of predicate type " + abbreviate(annotatedType) + ", not a signature");
    }
    Optional<Manifest> m = repo.manifest(ref.digest().toString());
    if (m.isEmpty() || !m.get().digest().equals(ref.digest())) {
      r.add(VerificationCheck.failed("referrer", "manifest " + ref.digest(), m.isEmpty() ? "missing"
          : m.get().digest().toString(), "listed as a referrer but not readable"));
      return failed(subject, location, null, r);
    }
    String mediaType = m.get().mediaType();
    if (!MediaTypes.isImageManifest(mediaType) && !MediaTypes.isIndex(mediaType)) {
      return ignored(subject, location, r, "a " + mediaType + " manifest is not a Sigstore bundle");
    }
    ReferrerInfo info = ReferrerInfo.of(m.get());
    String type = info.artifactType();
    if (!MediaTypes.SIGSTORE_BUNDLE_V03.equals(type)) {
      return ignored(subject, location, r, "artifact type " + type + " is not a Sigstore bundle");
    }
    r.add(VerificationCheck.passed("artifact-type", type));
    if (!info.refersTo(subject)) {
      r.add(VerificationCheck.failed("subject", subject.toString(), info.subject().map(s -> s.digest().toString())
          .orElse("none"), null));
      return failed(subject, location, null, r);
    }
    List<Descriptor> all = MediaTypes.isImageManifest(mediaType) ? ImageManifest.parse(m.get()).layers()
        : List.of();
    List<Descriptor> layers = all.stream().filter(l -> MediaTypes.SIGSTORE_BUNDLE_V03.equals(l.mediaType())).toList();
    if (layers.size() != 1) {
      r.add(VerificationCheck.failed("bundle-layer", "exactly one " + MediaTypes.SIGSTORE_BUNDLE_V03 + " layer",
          layers.size() + " of " + all.size() + " layers", null));
      return failed(subject, location, null, r);
    }
    Descriptor layer = layers.get(0);
    if (layer.size() > MAX_BUNDLE_BYTES) {
      r.add(VerificationCheck.failed("bundle-layer", "at most " + MAX_BUNDLE_BYTES + " bytes", layer.size()
          + " bytes", "not fetched"));
      return failed(subject, location, null, r);
    }
    Bundle bundle = Bundle.parse(Streams.readCapped(repo.openBlob(layer), MAX_BUNDLE_BYTES, "bundle layer"));
    Optional<DsseEnvelope> env = bundle.dsseEnvelope();
    String hint = bundle.verificationMaterial().publicKeyHint().orElse(null);
    KeyId hinted = hint == null ? null : KeyId.parse(hint);
    if (env.isEmpty()) {
      r.add(VerificationCheck.failed("bundle-content", "dsseEnvelope", "messageSignature", null));
      return failed(subject, location, hinted, r);
    }
    TimestampEvidence ts = BundleTimestamps.evaluate(bundle, env.get(), expect.timestamps());
    KeyId signer = checkEnvelope(expect, env.get(), hint, ts.time().orElse(null), r);
    boolean statementOk = statement(env.get().payload(), subject, r);
    for (Map.Entry<String, String> e : expect.annotations().entrySet()) {
      r.add(VerificationCheck.failed("annotation", e.getKey() + "=" + e.getValue(), "absent",
          "bundle signatures carry no signed annotations"));
    }
    if (!bundle.verificationMaterial().tlogEntries().isEmpty()) {
      r.add(VerificationCheck.notPerformed("transparency-log", "the bundle's transparency-log entries were not"
          + " checked (key-based verification)"));
    }
    if (expect.timestamps() != null || !bundle.verificationMaterial().rfc3161Timestamps().isEmpty()) {
      r.add(ts.check());
    }
    VerificationReport report = r.build();
    if (signer != null && statementOk && report.passed()) {
      return new FoundSignature(SignatureFormat.BUNDLE, subject, location, FoundSignature.Status.VERIFIED, signer,
          report, env.get().payload(), null);
    }
    return new FoundSignature(SignatureFormat.BUNDLE, subject, location, FoundSignature.Status.FAILED,
        signer != null ? signer : hinted, report, null, null);
  }

  private static KeyId checkEnvelope(LegacyVerification.Expectations expect, DsseEnvelope env, String hint,
      java.time.Instant time, VerificationReport.Builder r) {
    List<Verifier> candidates = KeyCandidates.resolve(expect.keys(), hint, time);
    if (candidates.isEmpty()) {
      r.add(VerificationCheck.failed("signature", "a trusted key", "none configured", null));
      return null;
    }
    String firstFailure = null;
    for (Verifier v : candidates) {
      for (Verifier alg : KeyCandidates.withCosignHashes(v)) {
        VerificationReport dsse = DsseVerifier.builder().trust(alg).payloadType(BundleAttach.IN_TOTO_PAYLOAD_TYPE)
            .build().verify(env);
        if (dsse.passed()) {
          r.add(VerificationCheck.passed("signature", "DSSE envelope verified with trusted key " + v.keyId()
              + " (" + alg.algorithm() + ")"));
          return v.keyId();
        }
        if (firstFailure == null) {
          firstFailure = dsse.failures().isEmpty() ? dsse.summary() : dsse.failures().get(0).toString();
        }
      }
    }
    r.add(VerificationCheck.failed("signature", "a DSSE signature by one of " + candidates.size()
        + " trusted key(s)", "no trusted key verified it", firstFailure));
    return null;
  }

  private static boolean statement(byte[] payload, Digest subject, VerificationReport.Builder r) {
    JsonNode s;
    try {
      s = OciJson.parseObject(payload, MAX_BUNDLE_BYTES, "in-toto statement");
    } catch (InvalidInputException e) {
      r.add(VerificationCheck.failed("statement", "an in-toto statement", null, e.getMessage()));
      return false;
    }
    boolean ok = expectText(s, "_type", BundleAttach.STATEMENT_TYPE, "statement-type", r);
    ok &= expectText(s, "predicateType", BundleAttach.PREDICATE_TYPE, "predicate-type", r);
    JsonNode subjects = s.get("subject");
    boolean found = false;
    if (subjects != null && subjects.isArray()) {
      for (JsonNode sub : subjects) {
        JsonNode d = sub.path("digest").path(subject.algorithm().ociName());
        found |= d.isTextual() && d.textValue().equals(subject.hex());
      }
    }
    if (found) {
      r.add(VerificationCheck.passed("manifest-digest", subject.toString()));
    } else {
      r.add(VerificationCheck.failed("manifest-digest", "a statement subject with " + subject,
          subjects == null ? "no subject" : abbreviate(subjects.toString()), "the statement is about another manifest"));
    }
    return ok && found;
  }

  private static boolean expectText(JsonNode s, String field, String expected, String check,
      VerificationReport.Builder r) {
    JsonNode n = s.get(field);
    if (n != null && n.isTextual() && expected.equals(n.textValue())) {
      r.add(VerificationCheck.passed(check, expected));
      return true;
    }
    r.add(VerificationCheck.failed(check, expected, n == null ? "absent" : abbreviate(n.toString()), null));
    return false;
  }

  private static FoundSignature ignored(Digest subject, String location, VerificationReport.Builder r, String why) {
    r.add(VerificationCheck.notPerformed("artifact-type", why));
    return new FoundSignature(SignatureFormat.BUNDLE, subject, location, FoundSignature.Status.IGNORED, null,
        r.build(), null, null);
  }

  private static FoundSignature failed(Digest subject, String location, KeyId hinted, VerificationReport.Builder r) {
    return new FoundSignature(SignatureFormat.BUNDLE, subject, location, FoundSignature.Status.FAILED, hinted,
        r.build(), null, null);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
