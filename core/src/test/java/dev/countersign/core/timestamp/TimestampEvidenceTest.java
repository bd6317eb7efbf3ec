package dev.countersign.core.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code timestamp} check's policy, independent of any TSA (the keys module tests real tokens): not performed
 * without trust, required with it, every token must verify (fail closed), the earliest trusted time wins, and the
 * failing rule is named.
 */
class TimestampEvidenceTest {
  static final byte[] SIG = "sig".getBytes(StandardCharsets.UTF_8);
  static final byte[] GOOD_1 = {1};
  static final byte[] GOOD_2 = {2};
  static final byte[] OVER_OTHER = {3};
  static final byte[] GARBAGE = {4};
  static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2026-10-01T00:00:00Z");

  /** Trusts tokens 1 and 2 over SIG only; token 3 fails the imprint rule; token 4 is unreadable. */
  static final TrustedTimestamps TRUSTED = (token, signed) -> {
    if (Arrays.equals(token, GARBAGE)) {
      throw new InvalidInputException("not a TimeStampResp");
    }
    if (!Arrays.equals(signed, SIG) || Arrays.equals(token, OVER_OTHER)) {
      throw new VerificationException(VerificationReport.builder("ts")
          .add(VerificationCheck.failed("imprint", "sha256:aa", "sha256:bb", "over other bytes")).build());
    }
    return Arrays.equals(token, GOOD_1) ? T1 : T2;
  };

  @Test
  void withoutTrustTokensAreOnlyCountedAndNoTimeIsTrusted() {
    TimestampEvidence e = TimestampEvidence.evaluate(List.of(GOOD_1), SIG, "the signature", null);
    assertEquals(Status.NOT_PERFORMED, e.check().status());
    assertTrue(e.time().isEmpty());
    assertTrue(e.check().detail().orElseThrow().contains("1 RFC 3161 timestamp"));
  }

  @Test
  void requiredWhenTrusted() {
    TimestampEvidence e = TimestampEvidence.evaluate(List.of(), SIG, "the signature", TRUSTED);
    assertEquals(Status.FAILED, e.check().status());
    assertEquals("none", e.check().actual().orElseThrow());
    assertTrue(e.time().isEmpty());
  }

  @Test
  void earliestVerifiedTimeIsTheSigningTime() {
    TimestampEvidence e = TimestampEvidence.evaluate(List.of(GOOD_1, GOOD_2), SIG, "the signature", TRUSTED);
    assertEquals(Status.PASSED, e.check().status(), e.check().toString());
    assertEquals(T2, e.time().orElseThrow());
  }

  @Test
  void oneBadTokenFailsTheCheckWithTheRuleNamed() {
    TimestampEvidence e = TimestampEvidence.evaluate(List.of(GOOD_1, OVER_OTHER), SIG, "the signature", TRUSTED);
    assertEquals(Status.FAILED, e.check().status());
    assertTrue(e.check().detail().orElseThrow().contains("timestamp #1 refused by rule imprint"), e.check().toString());
    assertEquals("sha256:aa", e.check().expected().orElseThrow());
    assertTrue(e.time().isEmpty());
    TimestampEvidence g = TimestampEvidence.evaluate(List.of(GARBAGE), SIG, "the signature", TRUSTED);
    assertTrue(g.check().detail().orElseThrow().contains("rule format"), g.check().toString());
  }
}
