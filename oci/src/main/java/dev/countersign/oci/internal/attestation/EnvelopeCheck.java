package dev.countersign.oci.internal.attestation;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseVerifier;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.SignatureFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one attestation envelope, in this order: payload type (before the payload is read), signatures
 * over PAE by at least {@code threshold} distinct trusted keys, then the verified payload decoded strictly as an
 * in-toto statement (whatever an annotation claimed), a subject with the image's digest, and the predicate type
 * asked for. Nothing of the payload is looked at before the signatures verified.
 */
public final class EnvelopeCheck {
  private EnvelopeCheck() {}

  /**
   * Checks {@code env}, found at {@code location}, as an attestation of {@code image}; {@code hintedType} is the
   * predicate type an annotation claimed (may be null), compared with the decoded one for the record only.
   */
  public static FoundAttestation check(SignatureFormat format, Digest image, String location, DsseEnvelope env,
      String hintedType, AttestationExpectations expect, VerificationReport.Builder r) {
    return check(format, image, location, env, hintedType, expect, null, r);
  }

  /** {@link #check} with keys asked for at the trusted signing {@code time} (from a verified timestamp). */
  public static FoundAttestation check(SignatureFormat format, Digest image, String location, DsseEnvelope env,
      String hintedType, AttestationExpectations expect, Instant time, VerificationReport.Builder r) {
    VerificationReport dsse = DsseVerifier.builder().keyResolver(expect.withCosignHashes(time))
        .payloadType(InTotoStatement.PAYLOAD_TYPE).threshold(expect.threshold()).build().verify(env);
    r.addAll(dsse.checks());
    List<KeyId> keys = signers(dsse);
    if (!dsse.passed()) {
      return done(format, image, location, FoundAttestation.Status.FAILED, keys, r, null);
    }
    InTotoStatement statement;
    try {
      statement = InTotoStatement.parse(env.payload(), expect.maxBytes());
    } catch (InvalidInputException e) {
      r.add(VerificationCheck.failed("statement", "an in-toto statement (v1 or v0.1)", null, e.getMessage()));
      return done(format, image, location, FoundAttestation.Status.FAILED, keys, r, null);
    }
    r.add(VerificationCheck.passed("statement", statement.type() + " with " + statement.subjects().size()
        + " subject(s)"));
    if (!statement.hasSubject(image)) {
      r.add(VerificationCheck.failed("subject", "a subject with digest " + image,
          abbreviate(statement.subjects().toString()), "the attestation is about another artifact"));
      return done(format, image, location, FoundAttestation.Status.FAILED, keys, r, null);
    }
    r.add(VerificationCheck.passed("subject", image.toString()));
    String type = statement.predicateType();
    if (hintedType != null && !hintedType.equals(type)) {
      r.add(VerificationCheck.notPerformed("predicate-type-annotation", "the annotation claims '"
          + abbreviate(hintedType) + "'; the signed statement's type '" + abbreviate(type) + "' is what counts"));
    }
    if (expect.type() != null && !expect.typeMatches().test(type)) {
      r.add(VerificationCheck.failed("predicate-type", expect.type(), abbreviate(type), null));
      return new FoundAttestation(format, image, location, FoundAttestation.Status.OTHER_TYPE, keys, r.build(),
          statement, env);
    }
    r.add(VerificationCheck.passed("predicate-type", type));
    if (r.hasFailure()) {
      // an earlier check of the caller failed (e.g. a required timestamp): the signatures alone do not verify it
      return done(format, image, location, FoundAttestation.Status.FAILED, keys, r, null);
    }
    return new FoundAttestation(format, image, location, FoundAttestation.Status.VERIFIED, keys, r.build(), statement,
        env);
  }

  /**
   * The distinct keys the DSSE report names in its passed {@code signature} checks ("signature #i verified with
   * trusted key ID (alg)"); used for the record only, the threshold was already enforced by the DSSE verifier.
   */
  private static List<KeyId> signers(VerificationReport dsse) {
    List<KeyId> out = new ArrayList<>();
    for (VerificationCheck c : dsse.checks()) {
      String d = c.detail().orElse("");
      int at = d.indexOf("trusted key ");
      if (c.name().equals("signature") && c.status() == VerificationCheck.Status.PASSED && at >= 0) {
        try {
          KeyId k = KeyId.parse(d.substring(at + "trusted key ".length()).split(" ", 2)[0]);
          if (!out.contains(k)) {
            out.add(k);
          }
        } catch (InvalidInputException e) {
          // a detail in another shape only loses the record of the key
        }
      }
    }
    return out;
  }

  private static FoundAttestation done(SignatureFormat format, Digest image, String location,
      FoundAttestation.Status status, List<KeyId> keys, VerificationReport.Builder r, InTotoStatement statement) {
    return new FoundAttestation(format, image, location, status, keys, r.build(), statement);
  }

  static String abbreviate(String s) {
    return s == null ? "null" : s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
