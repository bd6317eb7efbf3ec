package dev.countersign.testing.servers.internal.kms;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The faults a test asked TestKms to inject: throttling, queued failures and delays, a garbage public key. */
final class Faults {
  private int throttleEvery;
  private long calls;
  private final Map<String, Deque<KmsError>> failures = new HashMap<>();
  private final Map<String, Deque<Duration>> delays = new HashMap<>();
  private boolean garbagePublicKey;

  synchronized void throttleEvery(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("throttleEvery needs n >= 0 (0 turns throttling off), got " + n);
    }
    throttleEvery = n;
    calls = 0;
  }

  synchronized void failNext(String operation, KmsError error) {
    failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(error);
  }

  synchronized void delayNext(String operation, Duration delay) {
    delays.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(delay);
  }

  synchronized void garbagePublicKeyNext() {
    garbagePublicKey = true;
  }

  /** The delay for this call of {@code operation}, zero if none is queued. */
  synchronized Duration takeDelay(String operation) {
    Deque<Duration> queue = delays.get(operation);
    Duration delay = queue == null ? null : queue.poll();
    return delay == null ? Duration.ZERO : delay;
  }

  /** The injected error for this call (throttling first, then a queued failure), or null. */
  synchronized KmsError takeFailure(String operation) {
    calls++;
    if (throttleEvery > 0 && calls % throttleEvery == 0) {
      return new KmsError("ThrottlingException", 400, "Rate exceeded");
    }
    Deque<KmsError> queue = failures.get(operation);
    return queue == null ? null : queue.poll();
  }

  synchronized boolean takeGarbagePublicKey() {
    boolean garbage = garbagePublicKey;
    garbagePublicKey = false;
    return garbage;
  }

  synchronized void reset() {
    throttleEvery = 0;
    calls = 0;
    failures.clear();
    delays.clear();
    garbagePublicKey = false;
  }
}
