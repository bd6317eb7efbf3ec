package dev.countersign.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.keys.internal.CanonicalJson;
import dev.countersign.keys.internal.ManifestJson;
import dev.countersign.keys.internal.SignatureTally;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The trusted {@link KeyManifest} and the rules, as TUF applies them to root metadata, by which it is replaced.
 * Trust starts from a pinned manifest (bundled with the application or {@code --trust-root 1.keys.json}) that must
 * be signed by a threshold of its own members. A next manifest is accepted only when all of these checks pass, in
 * this order, each named in the {@link VerificationReport}:
 * <ol>
 *   <li>{@code size}: at most {@link KeyManifest#MAX_BYTES}, found without reading further;</li>
 *   <li>{@code json}: well-formed JSON, no duplicate names;</li>
 *   <li>{@code canonical}: byte-for-byte the RFC 8785 form, checked before any signature;</li>
 *   <li>{@code format}: the manifest schema (unknown members, overlapping key ids, ... refused);</li>
 *   <li>{@code version}: exactly the trusted version + 1; the trusted version with identical {@code signed}
 *       content is a no-op; anything else (rollback, a skipped version, same version with other content) fails;</li>
 *   <li>{@code threshold-previous}: valid signatures by at least the trusted manifest's threshold of its members;</li>
 *   <li>{@code threshold-own}: and by at least the new manifest's threshold of its own members (in both, one
 *       member counts once; non-members and invalid signatures are ignored);</li>
 *   <li>{@code expiry}: not expired at the given time, unless within an explicitly granted grace period.</li>
 * </ol>
 * A refusal never falls back to an older manifest: the caller gets the failed report. Instances are immutable.
 */
public final class ManifestTrust {
  private final KeyManifest trusted;
  private final Duration expiryGrace;

  private ManifestTrust(KeyManifest trusted, Duration expiryGrace) {
    this.trusted = trusted;
    this.expiryGrace = expiryGrace;
  }

  /**
   * Pins {@code manifest} as trusted: it must pass the size, JSON, canonical and format checks and be signed by a
   * threshold of its own members. Its expiry is checked when it is used ({@link #trustChain}), as in TUF.
   *
   * @throws VerificationException naming the failed check
   */
  public static ManifestTrust pin(byte[] manifest) {
    VerificationReport.Builder r = VerificationReport.builder("pinned key manifest");
    KeyManifest m = readChecked(manifest, r);
    if (m != null) {
      threshold(r, "threshold-own", m.members(), m.threshold(), m, "its own");
    }
    r.build().orThrow();
    return new ManifestTrust(m, Duration.ZERO);
  }

  /** This trust with a grace period in which an expired manifest is still accepted (freeze defence opt-out). */
  public ManifestTrust withExpiryGrace(Duration grace) {
    if (Objects.requireNonNull(grace, "grace").isNegative()) {
      throw new InvalidInputException("expiry grace period must not be negative: " + grace);
    }
    return new ManifestTrust(trusted, grace);
  }

  /** The manifest currently trusted. */
  public KeyManifest trusted() {
    return trusted;
  }

  public Duration expiryGrace() {
    return expiryGrace;
  }

  /** Runs every rule on {@code next} at time {@code now}; the report passes only when {@code next} is acceptable. */
  public VerificationReport check(byte[] next, Instant now) {
    return step(next, now, true).report;
  }

  /**
   * The trust after accepting {@code next} (this instance when it is the trusted version unchanged).
   *
   * @throws VerificationException naming the failed rule
   */
  public ManifestTrust accept(byte[] next, Instant now) {
    Step s = step(next, now, true);
    s.report.orThrow();
    return s.manifest == trusted ? this : new ManifestTrust(s.manifest, expiryGrace);
  }

  /** {@link #accept(byte[], Instant)} on a stream, of which at most {@link KeyManifest#MAX_BYTES} + 1 are read. */
  public ManifestTrust accept(InputStream next, Instant now) {
    return accept(ManifestJson.readAtMost(next, "key manifest", KeyManifest.MAX_BYTES + 1L), now);
  }

  /**
   * Walks {@code versions} (e.g. {@code 2.keys.json, 3.keys.json, ...}, may start with the trusted one) in order,
   * accepting each as the next; as in TUF, intermediate versions may have expired but the last one must not.
   *
   * @throws VerificationException naming the version and the failed rule
   */
  public ManifestTrust trustChain(List<byte[]> versions, Instant now) {
    ManifestTrust t = this;
    for (int i = 0; i < versions.size(); i++) {
      Step s = t.step(versions.get(i), now, i == versions.size() - 1);
      s.report.orThrow();
      t = s.manifest == t.trusted ? t : new ManifestTrust(s.manifest, expiryGrace);
    }
    if (versions.isEmpty()) {
      VerificationReport.Builder r = VerificationReport.builder("key manifest version " + trusted.version());
      t.expiry(r, trusted, now);
      r.build().orThrow();
    }
    return t;
  }

  private Step step(byte[] next, Instant now, boolean checkExpiry) {
    Objects.requireNonNull(now, "now");
    VerificationReport.Builder r = VerificationReport.builder("key manifest after version " + trusted.version());
    KeyManifest m = readChecked(next, r);
    if (m == null) {
      return new Step(r.build(), null);
    }
    int expected = trusted.version() + 1;
    if (m.version() == trusted.version() && m.sameContent(trusted)) {
      r.add(VerificationCheck.passed("version", "version " + m.version() + " is the trusted one, unchanged"));
      m = trusted;
    } else if (m.version() != expected) {
      String why = m.version() < trusted.version() ? "rollback to an older version"
          : m.version() == trusted.version() ? "same version with different content" : "skips versions";
      r.add(VerificationCheck.failed("version", String.valueOf(expected), String.valueOf(m.version()), why));
      return new Step(r.build(), null);
    } else {
      r.add(VerificationCheck.passed("version", "version " + m.version() + " follows " + trusted.version()));
      if (!threshold(r, "threshold-previous", trusted.members(), trusted.threshold(), m,
          "version " + trusted.version() + "'s")
          || !threshold(r, "threshold-own", m.members(), m.threshold(), m, "its own")) {
        return new Step(r.build(), null);
      }
    }
    if (checkExpiry) {
      expiry(r, m, now);
    }
    return new Step(r.build(), m);
  }

  private static KeyManifest readChecked(byte[] bytes, VerificationReport.Builder r) {
    if (bytes == null || bytes.length > KeyManifest.MAX_BYTES) {
      r.add(VerificationCheck.failed("size", "at most " + KeyManifest.MAX_BYTES + " bytes",
          bytes == null ? "nothing" : "more than " + KeyManifest.MAX_BYTES + " bytes", null));
      return null;
    }
    r.add(VerificationCheck.passed("size", bytes.length + " bytes"));
    JsonNode tree;
    try {
      tree = ManifestJson.parse(bytes, "key manifest", KeyManifest.MAX_BYTES);
    } catch (InvalidInputException e) {
      r.add(VerificationCheck.failed("json", "a well-formed JSON object without duplicate names", null,
          e.getMessage()));
      return null;
    }
    r.add(VerificationCheck.passed("json", null));
    byte[] canonical;
    try {
      canonical = CanonicalJson.serialize(tree);
    } catch (InvalidInputException e) {
      canonical = null;
    }
    if (canonical == null || !Arrays.equals(bytes, canonical)) {
      r.add(VerificationCheck.failed("canonical", "RFC 8785 canonical JSON (integers only)",
          "a different serialisation", "refused before any signature is checked"));
      return null;
    }
    r.add(VerificationCheck.passed("canonical", "RFC 8785"));
    try {
      KeyManifest m = KeyManifest.parse(bytes);
      r.add(VerificationCheck.passed("format", "version " + m.version()));
      return m;
    } catch (InvalidInputException e) {
      r.add(VerificationCheck.failed("format", "a valid key manifest", null, e.getMessage()));
      return null;
    }
  }

  private static boolean threshold(VerificationReport.Builder r, String name, List<ManifestMember> members,
      int threshold, KeyManifest m, String whose) {
    SignatureTally t = SignatureTally.of(members, m.signatures(), m.signedBytes());
    String detail = t.describe(threshold, members.size());
    if (t.count() >= threshold) {
      r.add(VerificationCheck.passed(name, detail));
      return true;
    }
    r.add(VerificationCheck.failed(name, "signatures by at least " + threshold + " of " + whose + " members",
        String.valueOf(t.count()), detail));
    return false;
  }

  private void expiry(VerificationReport.Builder r, KeyManifest m, Instant now) {
    if (now.isBefore(m.expires())) {
      r.add(VerificationCheck.passed("expiry", "expires " + m.expires()));
    } else if (now.isBefore(m.expires().plus(expiryGrace))) {
      r.add(VerificationCheck.passed("expiry", "expired " + m.expires() + ", accepted within the grace period of "
          + expiryGrace));
    } else {
      r.add(VerificationCheck.failed("expiry", "expires after " + now, m.expires().toString(),
          expiryGrace.isZero() ? "expired (no grace period given)" : "expired beyond the grace period of "
          + expiryGrace));
    }
  }

  private static final class Step {
    final VerificationReport report;
    final KeyManifest manifest;

    Step(VerificationReport report, KeyManifest manifest) {
      this.report = report;
      this.manifest = manifest;
    }
  }
}
