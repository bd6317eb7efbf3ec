package dev.countersign.core.internal.timestamp;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code timestamp} check of a verification. Without trusted timestamps it is not performed (tokens are only
 * counted). With them every signature must carry at least one token, every token must verify over the signed bytes
 * (a bad token fails the check, it is never skipped), and the earliest trusted genTime becomes the signing time.
 */
public final class TimestampEvidence {
  /** The name of the check in verification reports. */
  public static final String CHECK = "timestamp";

  private final VerificationCheck check;
  private final Instant time;

  private TimestampEvidence(VerificationCheck check, Instant time) {
    this.check = check;
    this.time = time;
  }

  /**
   * Evaluates the DER timestamps {@code tokens} over {@code signedBytes} ({@code what} names those bytes in
   * messages, e.g. "the signature").
   */
  public static TimestampEvidence evaluate(List<byte[]> tokens, byte[] signedBytes, String what,
      TrustedTimestamps trusted) {
    if (trusted == null) {
      return new TimestampEvidence(VerificationCheck.notPerformed(CHECK, tokens.isEmpty()
          ? "the signature carries no RFC 3161 timestamp"
          : tokens.size() + " RFC 3161 timestamp(s) accompany the signature; no trusted timestamp authority is "
              + "configured, so they were not verified"), null);
    }
    if (tokens.isEmpty()) {
      return new TimestampEvidence(VerificationCheck.failed(CHECK, "an RFC 3161 timestamp over " + what,
          "none", "trusted timestamp authorities are configured, so a timestamp is required"), null);
    }
    Instant earliest = null;
    for (int i = 0; i < tokens.size(); i++) {
      Instant t;
      try {
        t = trusted.verifiedTime(tokens.get(i), signedBytes);
      } catch (VerificationException e) {
        Optional<VerificationCheck> f = e.report().failures().stream().findFirst();
        String rule = f.map(VerificationCheck::name).orElse("timestamp");
        return new TimestampEvidence(VerificationCheck.failed(CHECK,
            f.flatMap(VerificationCheck::expected).orElse("a trusted RFC 3161 timestamp over " + what),
            f.flatMap(VerificationCheck::actual).orElse(null),
            "timestamp #" + i + " refused by rule " + rule + f.flatMap(VerificationCheck::detail)
                .map(d -> ": " + d).orElse("")), null);
      } catch (InvalidInputException e) {
        return new TimestampEvidence(VerificationCheck.failed(CHECK, "a DER RFC 3161 timestamp response",
            "unreadable", "timestamp #" + i + " refused by rule format: " + e.getMessage()), null);
      } catch (CountersignException e) {
        return new TimestampEvidence(VerificationCheck.failed(CHECK, "a trusted RFC 3161 timestamp over " + what,
            null, "timestamp #" + i + ": " + e.getMessage()), null);
      }
      if (t == null) {
        throw new IllegalStateException("TrustedTimestamps returned no time");
      }
      earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
    }
    return new TimestampEvidence(VerificationCheck.passed(CHECK, tokens.size() + " RFC 3161 timestamp(s) over "
        + what + " verified; trusted signing time " + earliest), earliest);
  }

  public VerificationCheck check() {
    return check;
  }

  /** The trusted signing time, only when the check passed. */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }
}
