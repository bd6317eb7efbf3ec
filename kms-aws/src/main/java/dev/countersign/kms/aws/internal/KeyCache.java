package dev.countersign.kms.aws.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Key descriptions by cache key, each kept for a fixed time to live. Loads of one key are serialised (concurrent
 * signers share one DescribeKey/GetPublicKey pair); a failed load is not cached.
 */
final class KeyCache {
  private static final class Slot {
    private KmsKeyInfo info;
    private Instant expires;
  }

  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  KeyCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  KmsKeyInfo get(String key, Supplier<KmsKeyInfo> loader) {
    Slot slot = slots.computeIfAbsent(key, k -> new Slot());
    synchronized (slot) {
      Instant now = clock.instant();
      if (slot.info == null || !now.isBefore(slot.expires)) {
        slot.info = null;
        KmsKeyInfo loaded = loader.get();
        slot.info = loaded;
        slot.expires = now.plus(ttl);
      }
      return slot.info;
    }
  }

  void clear() {
    slots.clear();
  }
}
