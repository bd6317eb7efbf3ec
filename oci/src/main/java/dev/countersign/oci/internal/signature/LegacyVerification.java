package dev.countersign.oci.internal.signature;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.io.Streams;
import dev.countersign.oci.signature.FoundSignature;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.oci.signature.SimpleSigningPayload;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks one layer of a {@code .sig} manifest: signature annotation, payload (fetched by digest, size capped),
 * signature over the exact payload bytes by a trusted key, then the payload's claims: strict structure, digest
 * equal to the resolved digest, required annotations, and (when asked) the docker reference.
 */
public final class LegacyVerification {
  /** What a legacy layer is checked against. */
  public record Expectations(KeyResolver keys, Map<String, String> annotations, String dockerReference,
      TrustedTimestamps timestamps) {
    /** Without trusted timestamps (timestamps are only noted). */
    public Expectations(KeyResolver keys, Map<String, String> annotations, String dockerReference) {
      this(keys, annotations, dockerReference, null);
    }
  }

  private LegacyVerification() {}

  /** Verifies {@code layer}, found at {@code location}, as a signature of {@code subject}. */
  public static FoundSignature verify(Repository repo, Digest subject, Descriptor layer, String location,
      Expectations expect) {
    VerificationReport.Builder r = VerificationReport.builder(location);
    byte[] sig = signature(layer, r);
    byte[] payload = null;
    if (layer.size() > SimpleSigningPayload.MAX_BYTES) {
      r.add(VerificationCheck.failed("payload", "at most " + SimpleSigningPayload.MAX_BYTES + " bytes",
          layer.size() + " bytes", "not fetched"));
    } else {
      try {
        payload = Streams.readCapped(repo.openBlob(layer), SimpleSigningPayload.MAX_BYTES, "signature payload");
      } catch (CountersignException | java.io.UncheckedIOException e) {
        r.add(VerificationCheck.failed("payload", "payload blob " + layer.digest(), null, e.getMessage()));
      }
    }
    KeyId keyId = null;
    TimestampEvidence ts = sig == null ? null : LegacyTimestamps.evaluate(layer, sig, expect.timestamps(), r);
    if (sig != null && payload != null) {
      keyId = checkSignature(expect.keys(), payload, sig, ts == null ? null : ts.time().orElse(null), r);
    }
    SimpleSigningPayload parsed = null;
    if (payload != null) {
      try {
        parsed = SimpleSigningPayload.parse(payload);
        r.add(VerificationCheck.passed("payload", "simple-signing payload for " + parsed.dockerReference()));
      } catch (InvalidInputException e) {
        r.add(VerificationCheck.failed("payload", "a cosign simple-signing payload", null, e.getMessage()));
      }
    }
    if (parsed != null) {
      claims(parsed, subject, expect, r);
    }
    VerificationReport report = r.build();
    boolean ok = report.passed() && keyId != null && parsed != null;
    return new FoundSignature(SignatureFormat.LEGACY, subject, location, ok ? FoundSignature.Status.VERIFIED
        : FoundSignature.Status.FAILED, keyId, report, payload, parsed);
  }

  private static byte[] signature(Descriptor layer, VerificationReport.Builder r) {
    String b64 = layer.annotations().get(LegacyAppend.SIGNATURE_ANNOTATION);
    if (b64 == null || b64.isEmpty()) {
      r.add(VerificationCheck.failed("signature-annotation", LegacyAppend.SIGNATURE_ANNOTATION,
          b64 == null ? "missing" : "empty", null));
      return null;
    }
    try {
      byte[] sig = Base64.getDecoder().decode(b64);
      if (sig.length == 0) {
        throw new IllegalArgumentException("decodes to nothing");
      }
      return sig;
    } catch (IllegalArgumentException e) {
      r.add(VerificationCheck.failed("signature-annotation", "standard base64", "not base64", e.getMessage()));
      return null;
    }
  }

  private static KeyId checkSignature(KeyResolver keys, byte[] payload, byte[] sig, Instant time,
      VerificationReport.Builder r) {
    List<Verifier> candidates = KeyCandidates.resolve(keys, null, time);
    if (candidates.isEmpty()) {
      r.add(VerificationCheck.failed("signature", "a trusted key", "none configured", null));
      return null;
    }
    for (Verifier v : candidates) {
      for (Verifier alg : KeyCandidates.withCosignHashes(v)) {
        try {
          alg.verify(payload, sig);
          r.add(VerificationCheck.passed("signature", "verified with trusted key " + v.keyId() + " ("
              + alg.algorithm() + ")"));
          return v.keyId();
        } catch (CountersignException e) {
          // try the next key
        }
      }
    }
    r.add(VerificationCheck.failed("signature", "a signature by one of " + candidates.size() + " trusted key(s)",
        "no trusted key verified it", null));
    return null;
  }

  private static void claims(SimpleSigningPayload p, Digest subject, Expectations expect,
      VerificationReport.Builder r) {
    if (p.manifestDigest().equals(subject)) {
      r.add(VerificationCheck.passed("manifest-digest", subject.toString()));
    } else {
      r.add(VerificationCheck.failed("manifest-digest", subject.toString(), p.manifestDigest().toString(),
          "the payload signs another manifest"));
    }
    for (Map.Entry<String, String> e : expect.annotations().entrySet()) {
      String actual = p.annotations().get(e.getKey());
      if (e.getValue().equals(actual)) {
        r.add(VerificationCheck.passed("annotation", e.getKey() + "=" + actual));
      } else {
        r.add(VerificationCheck.failed("annotation", e.getKey() + "=" + e.getValue(),
            actual == null ? "absent" : e.getKey() + "=" + actual, null));
      }
    }
    if (expect.dockerReference() != null) {
      if (expect.dockerReference().equals(p.dockerReference())) {
        r.add(VerificationCheck.passed("identity", p.dockerReference()));
      } else {
        r.add(VerificationCheck.failed("identity", expect.dockerReference(), p.dockerReference(), null));
      }
    }
  }
}
