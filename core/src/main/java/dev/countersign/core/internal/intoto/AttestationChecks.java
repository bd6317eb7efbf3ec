package dev.countersign.core.internal.intoto;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.bundle.TlogEntry;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseVerifier;
import dev.countersign.core.intoto.AttestationVerification;
import dev.countersign.core.intoto.DigestSet;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.ResourceDescriptor;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The checks of {@link dev.countersign.core.intoto.AttestationVerifier}: DSSE ({@code payload-type},
 * {@code signature}, {@code threshold}), then {@code statement}, {@code predicate-type} and {@code subject}.
 */
public final class AttestationChecks {
  private AttestationChecks() {}

  /**
   * Runs every check; {@code material} is the bundle's (null for a bare envelope); {@code unchecked}, when not
   * null, is why the signatures are not checked.
   */
  public static AttestationVerification verify(DsseEnvelope env, DsseVerifier dsse, List<String> predicateTypes,
      DigestSet subject, boolean checkClaims, int maxBytes, VerificationMaterial material, String unchecked) {
    return verify(env, dsse, predicateTypes, subject, checkClaims, maxBytes, material, unchecked, null);
  }

  /**
   * {@link #verify}, with the {@code timestamp} evidence (null: none configured and none carried): its check is
   * reported, and its trusted time is the signing time the keys are asked for.
   */
  public static AttestationVerification verify(DsseEnvelope env, DsseVerifier dsse, List<String> predicateTypes,
      DigestSet subject, boolean checkClaims, int maxBytes, VerificationMaterial material, String unchecked,
      TimestampEvidence timestamp) {
    VerificationReport.Builder report = VerificationReport.builder("in-toto attestation");
    if (unchecked != null) {
      unchecked(report, env, unchecked);
    } else {
      report.addAll(dsse.verify(env, timestamp == null ? null : timestamp.time().orElse(null)).checks());
    }
    if (timestamp != null) {
      report.add(timestamp.check());
    }
    if (!InTotoStatement.PAYLOAD_TYPE.equals(env.payloadType())) {
      if (report.build().check("payload-type").isEmpty()) {
        report.add(VerificationCheck.failed("payload-type", InTotoStatement.PAYLOAD_TYPE, env.payloadType(), null));
      }
      return AttestationVerification.of(report.build(), env, null);
    }
    InTotoStatement statement;
    try {
      statement = InTotoStatement.parse(env.payload(), maxBytes);
      report.add(VerificationCheck.passed("statement", statement.type() + ", " + statement.subjects().size()
          + " subject(s)"));
    } catch (InvalidInputException e) {
      report.add(VerificationCheck.failed("statement", "a valid in-toto statement", "invalid", e.getMessage()));
      return AttestationVerification.of(report.build(), env, null);
    }
    predicateType(report, predicateTypes, statement.predicateType());
    subject(report, subject, checkClaims, statement);
    if (material != null) {
      transparency(report, material);
    }
    return AttestationVerification.of(report.build(), env, statement);
  }

  private static void unchecked(VerificationReport.Builder report, DsseEnvelope env, String why) {
    if (!InTotoStatement.PAYLOAD_TYPE.equals(env.payloadType())) {
      report.add(VerificationCheck.failed("payload-type", InTotoStatement.PAYLOAD_TYPE, env.payloadType(),
          "the envelope's payload type is not in-toto; its payload was not read"));
      return;
    }
    report.add(VerificationCheck.passed("payload-type", InTotoStatement.PAYLOAD_TYPE));
    report.add(VerificationCheck.notPerformed("signature", why));
    report.add(VerificationCheck.failed("threshold", "a signature by a trusted key", "none checked",
        "an attestation whose signatures were not checked is not trusted"));
  }

  private static void predicateType(VerificationReport.Builder report, List<String> wanted, String actual) {
    if (wanted.isEmpty()) {
      report.add(VerificationCheck.notPerformed("predicate-type", "no predicate type filter; found " + actual));
      return;
    }
    for (String w : wanted) {
      if (PredicateTypes.matches(w, actual)) {
        report.add(VerificationCheck.passed("predicate-type", actual));
        return;
      }
    }
    report.add(VerificationCheck.failed("predicate-type", String.join(" or ", wanted), actual, null));
  }

  private static void subject(VerificationReport.Builder report, DigestSet expected, boolean checkClaims,
      InTotoStatement s) {
    if (!checkClaims) {
      report.add(VerificationCheck.notPerformed("subject", "claims checking is off"));
      return;
    }
    if (expected == null) {
      report.add(VerificationCheck.notPerformed("subject", "no expected subject digest was given"));
      return;
    }
    if (s.hasSubject(expected)) {
      report.add(VerificationCheck.passed("subject", expected.toString()));
      return;
    }
    String found = s.subjects().stream().limit(5).map(AttestationChecks::describe).collect(Collectors.joining(", "));
    report.add(VerificationCheck.failed("subject", expected.toString(), found + (s.subjects().size() > 5
        ? " and " + (s.subjects().size() - 5) + " more" : ""), "no subject names the artifact"));
  }

  private static String describe(ResourceDescriptor d) {
    return d.name().map(n -> n + " ").orElse("") + d.digest();
  }

  private static void transparency(VerificationReport.Builder report, VerificationMaterial m) {
    List<TlogEntry> entries = m.tlogEntries();
    report.add(VerificationCheck.notPerformed("transparency-log", entries.isEmpty()
        ? "the bundle carries no transparency-log entry"
        : "the bundle carries " + entries.size() + " transparency-log entr" + (entries.size() == 1 ? "y" : "ies")
            + "; no trusted root is configured, so inclusion was not verified"));
  }
}
