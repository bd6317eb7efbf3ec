package dev.countersign.core.internal.blob;

import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.MessageSignature;
import dev.countersign.core.bundle.TlogEntry;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.internal.dsse.Candidates;
import dev.countersign.core.internal.dsse.SignatureCheck;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a blob verification, as {@code cosign verify-blob --key} makes them: {@code bundle}, {@code key},
 * {@code artifact-digest}, {@code signature}, {@code transparency-log} reported as not performed (no trusted root
 * is configured) and {@code timestamp} (verified only with trusted timestamps; its trusted time is the signing time
 * asked of the key resolver). The artifact is read once.
 */
public final class BlobVerification {
  private BlobVerification() {}

  /** Verifies a raw signature over the artifact. */
  public static VerificationReport raw(String subject, InputStream artifact, byte[] sig, List<byte[]> tokens,
      KeyResolver keys, TrustedTimestamps trusted) {
    VerificationReport.Builder report = VerificationReport.builder(subject);
    TimestampEvidence ts = TimestampEvidence.evaluate(tokens, sig, "the signature", trusted);
    boolean reportTs = trusted != null || !tokens.isEmpty();
    List<Verifier> candidates = Candidates.resolve(keys, null, ts.time().orElse(null));
    if (candidates.isEmpty()) {
      report.add(noKey());
      if (reportTs) {
        report.add(ts.check());
      }
      return report.build();
    }
    report.add(VerificationCheck.notPerformed("key", "a raw signature carries no key hint; tried "
        + candidates.size() + " trusted key(s)"));
    ArtifactData data = ArtifactData.read(artifact, algorithms(candidates, null), needsWhole(candidates));
    report.add(signature(candidates, data, sig));
    if (reportTs) {
      report.add(ts.check());
    }
    return report.build();
  }

  /** Verifies a bundle's message signature over the artifact. */
  public static VerificationReport bundle(String subject, InputStream artifact, Bundle bundle, KeyResolver keys,
      TrustedTimestamps trusted) {
    VerificationReport.Builder report = VerificationReport.builder(subject);
    if (bundle.messageSignature().isEmpty()) {
      report.add(VerificationCheck.failed("bundle", "messageSignature", "dsseEnvelope",
          "a DSSE bundle signs an attestation, not the artifact; verify it with DsseVerifier"));
      return report.build();
    }
    VerificationMaterial m = bundle.verificationMaterial();
    report.add(VerificationCheck.passed("bundle", bundle.mediaType().value() + ", messageSignature"));
    if (m.kind() != VerificationMaterial.Kind.PUBLIC_KEY) {
      report.add(VerificationCheck.failed("key", "publicKey verification material", m.kind().toString(),
          "certificate-based (keyless) bundles need a Fulcio trust root, which is not configured"));
      return report.build();
    }
    String hint = m.publicKeyHint().orElse(null);
    MessageSignature ms = bundle.messageSignature().get();
    List<byte[]> tokens = new ArrayList<>();
    m.rfc3161Timestamps().forEach(t -> tokens.add(t.signedTimestamp()));
    TimestampEvidence ts = TimestampEvidence.evaluate(tokens, ms.signature(), "the signature", trusted);
    List<Verifier> candidates = Candidates.resolve(keys, hint, ts.time().orElse(null));
    if (candidates.isEmpty()) {
      report.add(noKey());
      report.add(ts.check());
      return report.build();
    }
    if (Candidates.matches(candidates.get(0), hint)) {
      report.add(VerificationCheck.passed("key", "hint " + hint + " is the id of a trusted key"));
    } else {
      report.add(VerificationCheck.notPerformed("key", (hint == null ? "bundle has no key hint"
          : "hint ignored: not a trusted key id") + "; tried " + candidates.size() + " trusted key(s)"));
    }
    DigestAlgorithm mdAlg = ms.messageDigest().algorithm();
    ArtifactData data = ArtifactData.read(artifact, algorithms(candidates, mdAlg), needsWhole(candidates));
    if (data.digest(mdAlg).matches(ms.messageDigest())) {
      report.add(VerificationCheck.passed("artifact-digest", ms.messageDigest().toString()));
    } else {
      report.add(VerificationCheck.failed("artifact-digest", ms.messageDigest().toString(),
          data.digest(mdAlg).toString(), "the artifact is not the one the bundle's messageDigest names"));
    }
    report.add(signature(candidates, data, ms.signature()));
    transparency(report, m);
    report.add(ts.check());
    return report.build();
  }

  private static void transparency(VerificationReport.Builder report, VerificationMaterial m) {
    List<TlogEntry> entries = m.tlogEntries();
    if (entries.isEmpty()) {
      report.add(VerificationCheck.notPerformed("transparency-log", "the bundle carries no transparency-log entry"));
    } else {
      TlogEntry e = entries.get(0);
      report.add(VerificationCheck.notPerformed("transparency-log", "the bundle carries " + entries.size()
          + " transparency-log entr" + (entries.size() == 1 ? "y" : "ies") + " (" + e.kind() + " " + e.version()
          + ", logIndex " + e.logIndex() + "); no trusted root is configured, so inclusion was not verified"));
    }
  }

  private static VerificationCheck signature(List<Verifier> candidates, ArtifactData data, byte[] sig) {
    List<String> reasons = new ArrayList<>();
    for (Verifier v : candidates) {
      String reason = v.algorithm().signsDigest()
          ? SignatureCheck.checkDigest(v, data.digest(v.algorithm().digestAlgorithm().get()), sig)
          : SignatureCheck.check(v, data.whole(), sig, false);
      if (reason == null) {
        return VerificationCheck.passed("signature", "verified with trusted key " + v.keyId() + " ("
            + v.algorithm().id() + ")");
      }
      if (reasons.size() < 5) {
        reasons.add("key " + v.keyId() + " (" + v.algorithm().id() + "): " + reason);
      }
    }
    return VerificationCheck.failed("signature", "a valid signature by a trusted key",
        "does not verify with any of " + candidates.size() + " trusted key(s)", String.join("; ", reasons));
  }

  private static VerificationCheck noKey() {
    return VerificationCheck.failed("key", "a trusted public key", "none",
        "no trusted key is configured; give the public key the artifact was signed with");
  }

  private static Set<DigestAlgorithm> algorithms(List<Verifier> candidates, DigestAlgorithm extra) {
    Set<DigestAlgorithm> algs = EnumSet.noneOf(DigestAlgorithm.class);
    if (extra != null) {
      algs.add(extra);
    }
    candidates.forEach(v -> v.algorithm().digestAlgorithm().ifPresent(algs::add));
    return algs;
  }

  private static boolean needsWhole(List<Verifier> candidates) {
    return candidates.stream().anyMatch(v -> !v.algorithm().signsDigest());
  }
}
