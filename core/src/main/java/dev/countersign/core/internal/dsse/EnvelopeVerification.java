package dev.countersign.core.internal.dsse;

import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The checks of a DSSE verification: {@code payload-type}, {@code signature} per trusted key, {@code threshold}. */
public final class EnvelopeVerification {
  private static final int MAX_REASONS = 5;

  private EnvelopeVerification() {}

  /** Verifies {@code env}; the payload type is compared before any signature or payload is looked at. */
  public static VerificationReport verify(DsseEnvelope env, String expectedType, KeyResolver keys, int threshold) {
    return verify(env, expectedType, keys, threshold, null);
  }

  /** {@link #verify(DsseEnvelope, String, KeyResolver, int)} asking for keys valid at {@code time} (may be null). */
  public static VerificationReport verify(DsseEnvelope env, String expectedType, KeyResolver keys, int threshold,
      Instant time) {
    VerificationReport.Builder report = VerificationReport.builder("DSSE envelope");
    if (!expectedType.equals(env.payloadType())) {
      report.add(VerificationCheck.failed("payload-type", expectedType, env.payloadType(),
          "the envelope's payload type is not the expected one; its payload was not read"));
      return report.build();
    }
    report.add(VerificationCheck.passed("payload-type", expectedType));
    byte[] pae = env.pae();
    Set<String> verifiedKeys = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>();
    List<DsseSignature> sigs = env.signatures();
    for (int i = 0; i < sigs.size(); i++) {
      DsseSignature s = sigs.get(i);
      String hint = s.keyId().orElse(null);
      List<Verifier> candidates = Candidates.resolve(keys, hint, time);
      if (candidates.isEmpty()) {
        reasons.add("signature #" + i + ": no trusted key");
      }
      byte[] sig = s.sig();
      for (Verifier v : candidates) {
        String id = v.keyId().value();
        if (verifiedKeys.contains(id)) {
          continue;
        }
        String reason = SignatureCheck.check(v, pae, sig, true);
        if (reason == null) {
          verifiedKeys.add(id);
          report.add(VerificationCheck.passed("signature", "signature #" + i + " verified with trusted key " + id
              + " (" + v.algorithm().id() + ")" + (hint != null && !Candidates.matches(v, hint)
              ? "; keyid hint '" + abbreviate(hint) + "' ignored" : "")));
          break;
        }
        reasons.add("signature #" + i + " with key " + id + " (" + v.algorithm().id() + "): " + reason);
      }
    }
    if (verifiedKeys.isEmpty()) {
      report.add(VerificationCheck.failed("signature", "a signature over PAE by a trusted key",
          "no signature verified", summarize(reasons)));
    }
    int n = verifiedKeys.size();
    if (n >= threshold) {
      report.add(VerificationCheck.passed("threshold", n + " distinct trusted key(s) signed; threshold "
          + threshold));
    } else {
      report.add(VerificationCheck.failed("threshold", threshold + " distinct trusted key(s)", String.valueOf(n),
          n == 0 ? null : "verified by " + verifiedKeys));
    }
    return report.build();
  }

  private static String summarize(List<String> reasons) {
    if (reasons.isEmpty()) {
      return "no trusted key was available";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(MAX_REASONS, reasons.size()); i++) {
      s.append(i == 0 ? "" : "; ").append(reasons.get(i));
    }
    if (reasons.size() > MAX_REASONS) {
      s.append("; and ").append(reasons.size() - MAX_REASONS).append(" more");
    }
    return s.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
