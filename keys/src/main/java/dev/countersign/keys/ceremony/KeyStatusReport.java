package dev.countersign.keys.ceremony;

import dev.countersign.core.KeyId;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Every key of a manifest with its state at a given time and, for active keys, the whole days until rotation is
 * due under a {@link RotationPolicy} (negative when overdue). States: {@code active}, {@code pending} (active, window
 * not begun), {@code expired} (active, window over), {@code retired}, {@code revoked}.
 */
public final class KeyStatusReport {
  private static final long DAY = 86_400;

  /** One key's line in the report. */
  public static final class Entry {
    private final ManifestKey key;
    private final String state;
    private final OptionalLong daysUntilRotationDue;

    private Entry(ManifestKey key, String state, OptionalLong days) {
      this.key = key;
      this.state = state;
      this.daysUntilRotationDue = days;
    }

    public KeyId keyId() {
      return key.keyId();
    }

    public ManifestKey key() {
      return key;
    }

    /**
     * {@code active}, {@code pending}, {@code expired}, {@code retiring until <end>} (retired, window not over),
     * {@code retired} or {@code revoked}.
     */
    public String state() {
      return state;
    }

    /** Whole days (rounded down) until this active key is due for rotation; empty for other keys. */
    public OptionalLong daysUntilRotationDue() {
      return daysUntilRotationDue;
    }

    @Override
    public String toString() {
      return key.keyId() + " " + state + (daysUntilRotationDue.isPresent()
          ? ", rotation due in " + daysUntilRotationDue.getAsLong() + " days" : "");
    }
  }

  private final int version;
  private final List<Entry> entries;
  private final OptionalLong daysUntilRotationDue;

  private KeyStatusReport(int version, List<Entry> entries, OptionalLong days) {
    this.version = version;
    this.entries = List.copyOf(entries);
    this.daysUntilRotationDue = days;
  }

  /** The report for {@code manifest} under {@code policy} at {@code now}. */
  public static KeyStatusReport of(KeyManifest manifest, RotationPolicy policy, Instant now) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    List<Entry> out = new ArrayList<>();
    for (ManifestKey k : manifest.keys()) {
      if (k.status() == KeyStatus.RETIRED && k.validUntil().isPresent() && now.isBefore(k.validUntil().get())) {
        // Retired by a rotation but its window runs on: it still verifies (and its holder may still sign) until then.
        out.add(new Entry(k, "retiring until " + k.validUntil().get(), OptionalLong.empty()));
        continue;
      }
      if (k.status() != KeyStatus.ACTIVE) {
        out.add(new Entry(k, k.status().id(), OptionalLong.empty()));
        continue;
      }
      String state = now.isBefore(k.validFrom()) ? "pending" : now.isBefore(policy.endOf(k)) ? "active" : "expired";
      out.add(new Entry(k, state, OptionalLong.of(days(now, policy.rotationDue(k)))));
    }
    OptionalLong overall = policy.currentKey(manifest)
        .map(k -> OptionalLong.of(days(now, policy.rotationDue(k)))).orElse(OptionalLong.empty());
    return new KeyStatusReport(manifest.version(), out, overall);
  }

  private static long days(Instant now, Instant due) {
    return Math.floorDiv(Duration.between(now, due).getSeconds(), DAY);
  }

  public int manifestVersion() {
    return version;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Days until rotation is due for the active key that signs longest; empty when there is no active key. */
  public OptionalLong daysUntilRotationDue() {
    return daysUntilRotationDue;
  }

  /** Whether rotation is due within {@code days} days (always true without an active key), for CI gates. */
  public boolean dueWithin(long days) {
    return daysUntilRotationDue.isEmpty() || daysUntilRotationDue.getAsLong() <= days;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("key manifest version ").append(version).append(':');
    entries.forEach(e -> b.append("\n  ").append(e));
    return b.toString();
  }
}
