package dev.countersign.keys.ceremony;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How long a signing key is valid and how long before its end the next key is already published: by default 90
 * days of validity and 14 days of overlap. A key is due for rotation at its window end (or, when open-ended, its
 * start + validity) minus the overlap. {@link #rotate} proposes the next key in one step.
 */
public final class RotationPolicy {
  private static final RotationPolicy DEFAULT = new RotationPolicy(Duration.ofDays(90), Duration.ofDays(14));

  private final Duration validity;
  private final Duration overlap;

  private RotationPolicy(Duration validity, Duration overlap) {
    this.validity = validity;
    this.overlap = overlap;
  }

  /** 90 days of validity, 14 days of overlap. */
  public static RotationPolicy defaults() {
    return DEFAULT;
  }

  /** A policy with whole-second durations, {@code 0 <= overlap < validity}. */
  public static RotationPolicy of(Duration validity, Duration overlap) {
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(overlap, "overlap");
    if (validity.getNano() != 0 || overlap.getNano() != 0 || overlap.isNegative()
        || validity.compareTo(overlap) <= 0) {
      throw new InvalidInputException("rotation needs whole seconds with 0 <= overlap < validity, got validity "
          + validity + " and overlap " + overlap);
    }
    return new RotationPolicy(validity, overlap);
  }

  public Duration validity() {
    return validity;
  }

  public Duration overlap() {
    return overlap;
  }

  /** When {@code key}'s window ends under this policy: its own end, or start + validity when open-ended. */
  public Instant endOf(ManifestKey key) {
    return key.validUntil().orElse(key.validFrom().plus(validity));
  }

  /** When {@code key} is due for rotation: {@link #endOf} minus the overlap. */
  public Instant rotationDue(ManifestKey key) {
    return endOf(key).minus(overlap);
  }

  /** The active key that signs longest (latest {@link #endOf}), if any. */
  public Optional<ManifestKey> currentKey(KeyManifest manifest) {
    return manifest.keys().stream().filter(k -> k.status() == KeyStatus.ACTIVE)
        .max(Comparator.comparing(this::endOf));
  }

  /** {@link #rotate(KeyManifest, PublicKey, SignatureAlgorithm, String, Instant)} with the key's default algorithm. */
  public Draft rotate(KeyManifest current, PublicKey next, Instant now) {
    return rotate(current, next, SignatureAlgorithm.defaultFor(next), null, now);
  }

  /**
   * Proposes the version after {@code current}: the next key (optionally in AWS KMS under {@code kmsKeyArn}) valid
   * from the current key's end minus the overlap (not before {@code now}) for {@link #validity()}, and the current
   * key retired at its end. The manifest's expiry is kept unless the new key's window ends later.
   */
  public Draft rotate(KeyManifest current, PublicKey next, SignatureAlgorithm algorithm, String kmsKeyArn,
      Instant now) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(algorithm, "algorithm");
    return rotate(current, (start, end) -> ManifestChange.addKmsKey(next, algorithm, kmsKeyArn, start, end), now);
  }

  /**
   * As {@link #rotate(KeyManifest, PublicKey, SignatureAlgorithm, String, Instant)} for any kind of next key (e.g.
   * {@link ManifestChange#addPgpKey}): {@code nextKey} gets the new key's window {@code [start, end)} and returns
   * the change adding it.
   */
  public Draft rotate(KeyManifest current, BiFunction<Instant, Instant, ManifestChange> nextKey, Instant now) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(nextKey, "nextKey");
    Instant t = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.SECONDS);
    ManifestKey old = currentKey(current).orElseThrow(() -> new InvalidInputException(
        "manifest version " + current.version() + " has no active key to rotate"));
    Instant oldEnd = endOf(old);
    Instant start = oldEnd.minus(overlap);
    if (start.isBefore(t)) {
      start = t;
    }
    if (!oldEnd.isAfter(old.validFrom())) {
      oldEnd = old.validFrom().plusSeconds(1);
    }
    Instant end = start.plus(validity);
    Instant expires = current.expires().isAfter(end) ? current.expires() : end;
    ManifestChange add = nextKey.apply(start, end);
    if (add == null || add.kind != ManifestChange.Kind.ADD_KEY) {
      throw new InvalidInputException("the next key of a rotation must be an added key");
    }
    return Ceremony.propose(current, expires, List.of(ManifestChange.retire(old.keyId(), oldEnd), add));
  }

  @Override
  public String toString() {
    return "RotationPolicy{validity " + validity.toDays() + "d, overlap " + overlap.toDays() + "d}";
  }
}
