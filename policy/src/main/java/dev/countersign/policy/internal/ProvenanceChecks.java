package dev.countersign.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.VerificationCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The typed checks of a provenance policy over {@link ProvenanceFacts}. Each returns one check: not performed when
 * the policy sets no constraint, failed with expected and actual when the provenance does not satisfy it (a fact
 * the provenance does not record is {@code absent}, never a pass), passed otherwise.
 */
public final class ProvenanceChecks {
  /** Build times this far after {@code now} are tolerated (clock skew); later ones fail {@code max-age}. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private ProvenanceChecks() {}

  /** A check that a fact matches any of {@code allowed} under {@code matcher}. */
  public static VerificationCheck fact(String check, String what, ProvenanceFacts facts, String fact,
      List<String> allowed, Predicate<String> matcher) {
    if (allowed.isEmpty()) {
      return VerificationCheck.notPerformed(check, "the policy puts no constraint on the " + what);
    }
    ProvenanceFacts.Fact f = facts.get(fact);
    if (f == null) {
      return VerificationCheck.failed(check, expected(allowed), "absent",
          "the provenance does not record the " + what);
    }
    if (matcher.test(f.value())) {
      return VerificationCheck.passed(check, f.value() + " (from " + f.field() + ")");
    }
    return VerificationCheck.failed(check, expected(allowed), f.value(), "from " + f.field());
  }

  /** Commit ids compare case-insensitively and in full. */
  public static boolean commitMatches(String actual, List<String> allowed) {
    return allowed.contains(actual.toLowerCase(Locale.ROOT));
  }

  /** {@code external-parameter:<name>}; {@code name} is a key, or a dotted path when no key has that name. */
  public static VerificationCheck externalParameter(String name, String expected, ProvenanceFacts facts) {
    String check = "external-parameter:" + name;
    JsonNode ext = facts.externalParameters();
    JsonNode v = ext == null ? null : ext.get(name);
    if (ext != null && v == null) {
      v = ext.at("/" + name.replace("~", "~0").replace("/", "~1").replace(".", "/"));
      v = v.isMissingNode() ? null : v;
    }
    if (v == null) {
      return VerificationCheck.failed(check, expected, "absent",
          "the provenance has no external parameter " + name);
    }
    String actual = v.isValueNode() ? v.asText() : v.toString();
    return expected.equals(actual) ? VerificationCheck.passed(check, name + " = " + actual)
        : VerificationCheck.failed(check, expected, actual, null);
  }

  /** {@code max-age}: the build finished (else started) at most {@code maxAge} before {@code now}. */
  public static VerificationCheck maxAge(Duration maxAge, ProvenanceFacts facts, Instant now) {
    String check = "max-age";
    if (maxAge == null) {
      return VerificationCheck.notPerformed(check, "the policy sets no maximum age");
    }
    String limit = "at most " + GoDuration.format(maxAge);
    ProvenanceFacts.Fact f = facts.get("finishedOn") != null ? facts.get("finishedOn") : facts.get("startedOn");
    if (f == null) {
      return VerificationCheck.failed(check, limit, "unknown",
          "the provenance records no build time (finishedOn or startedOn)");
    }
    Instant built;
    try {
      built = OffsetDateTime.parse(f.value()).toInstant();
    } catch (DateTimeParseException e) {
      return VerificationCheck.failed(check, limit, "unknown", f.field() + " is not an RFC 3339 time: " + f.value());
    }
    if (built.isAfter(now.plus(CLOCK_SKEW))) {
      return VerificationCheck.failed(check, limit, "in the future", f.field() + " " + f.value()
          + " is after now (" + now + ")");
    }
    Duration age = Duration.between(built, now).isNegative() ? Duration.ZERO : Duration.between(built, now);
    String shown = GoDuration.format(age.withNanos(0));
    if (age.compareTo(maxAge) > 0) {
      return VerificationCheck.failed(check, limit, shown, f.field() + " " + f.value());
    }
    return VerificationCheck.passed(check, shown + " old (" + f.field() + " " + f.value() + ")");
  }

  /** Every typed check fails this way when the statement is not SLSA provenance. */
  public static VerificationCheck notProvenance(String check, String predicateType) {
    return VerificationCheck.failed(check, "SLSA provenance", predicateType,
        "the statement is not SLSA provenance (v1 or v0.2)");
  }

  /** "x" for one allowed value, "one of [x, y]" for several. */
  public static String expected(List<String> allowed) {
    return allowed.size() == 1 ? allowed.get(0) : "one of " + allowed;
  }
}
