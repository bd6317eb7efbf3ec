package dev.countersign.oci.internal.ecr;

import dev.countersign.oci.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * ECR tokens per registry, kept until {@code expiresAt} minus a margin (or half their remaining life when that is
 * shorter, so a short-lived token is not refetched at every lookup). One fetch at a time per registry: concurrent
 * lookups of the same registry wait for it instead of each calling ECR. Lookups of different registries do not
 * block each other. No AWS SDK types here.
 */
public final class TokenCache {
  private final Clock clock;
  private final Duration margin;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  public TokenCache(Clock clock, Duration margin) {
    this.clock = clock;
    this.margin = margin;
  }

  /** A copy of the cached credentials for {@code key}, fetched with {@code fetch} when absent or due. */
  public Credentials get(String key, Function<String, EcrToken> fetch) {
    return slots.computeIfAbsent(key, k -> new Slot()).get(key, fetch);
  }

  /** Forgets every token (they are wiped). */
  public void clear() {
    slots.values().forEach(Slot::clear);
    slots.clear();
  }

  private Instant refreshAt(Instant fetched, Instant expiresAt) {
    if (expiresAt == null || !expiresAt.isAfter(fetched)) {
      return fetched; // unknown or already past expiry (clock skew): not reused
    }
    Duration life = Duration.between(fetched, expiresAt);
    Duration keep = life.minus(margin).compareTo(life.dividedBy(2)) > 0 ? life.minus(margin) : life.dividedBy(2);
    return fetched.plus(keep);
  }

  private final class Slot {
    private EcrToken token;
    private Instant refreshAt;

    synchronized Credentials get(String key, Function<String, EcrToken> fetch) {
      Instant now = clock.instant();
      if (token == null || !now.isBefore(refreshAt)) {
        EcrToken fresh = fetch.apply(key);
        clear();
        token = fresh;
        refreshAt = refreshAt(now, fresh.expiresAt());
      }
      return token.copy();
    }

    synchronized void clear() {
      if (token != null) {
        token.credentials().destroy();
        token = null;
      }
    }
  }
}
