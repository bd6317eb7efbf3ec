package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers passed image verifications so that verifying the same image again costs one request: resolving the
 * tag. Set it on {@link ImageVerifier.Builder#cache} or {@link ImageAttestationVerifier.Builder#cache}; one cache
 * may serve many verifiers and threads (each verifier's requirements are part of the key).
 *
 * <p><b>What a hit means.</b> An entry says: <em>this manifest digest, in this repository, passed verification
 * with these trusted keys and these requirements (annotations, formats, recursion, identity, signature cap) at
 * most {@code ttl} ago.</em> The tag is still resolved on every call (tags move), so a re-tagged image is verified
 * afresh; only the digest's verdict is reused. Only passed results are kept (a failure is always re-checked), and
 * never beyond the TTL, measured from the verification. Within the TTL, a signature deleted from the registry, or
 * a key withdrawn from a {@link dev.countersign.core.KeyResolver}, is not noticed: choose the TTL as the longest
 * time such a revocation may take to apply. Verifiers with a resolver share entries only when they use the same
 * resolver instance (or equal ones). The cache holds at most {@code maxEntries} results, least recently used out
 * first. Thread-safe.
 */
public final class VerificationCache {
  /** Default time a pass is trusted: 5 minutes. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  /** Default number of results kept. */
  public static final int DEFAULT_MAX_ENTRIES = 1024;

  /** What a cached verdict is about: the image, where it was found, and the verifier's whole policy. */
  record Key(String repository, Digest digest, Object policy) {}

  private record Entry(Object result, Instant verifiedAt, Instant expires) {}

  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<Key, Entry> entries;

  private VerificationCache(int maxEntries, Duration ttl, Clock clock) {
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > VerificationCache.this.maxEntries;
      }
    };
  }

  /** A cache of {@link #DEFAULT_MAX_ENTRIES} results trusted for {@link #DEFAULT_TTL}. */
  public static VerificationCache create() {
    return create(DEFAULT_MAX_ENTRIES, DEFAULT_TTL);
  }

  /** A cache of at most {@code maxEntries} results (1 to 1,000,000), each trusted for {@code ttl} (positive). */
  public static VerificationCache create(int maxEntries, Duration ttl) {
    return create(maxEntries, ttl, Clock.systemUTC());
  }

  /** As {@link #create(int, Duration)}, with the clock that dates entries (for tests). */
  public static VerificationCache create(int maxEntries, Duration ttl, Clock clock) {
    if (maxEntries < 1 || maxEntries > 1_000_000) {
      throw new InvalidInputException("verification cache size must be 1 to 1000000, got " + maxEntries);
    }
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new InvalidInputException("verification cache TTL must be positive");
    }
    return new VerificationCache(maxEntries, ttl, Objects.requireNonNull(clock, "clock"));
  }

  public Duration ttl() {
    return ttl;
  }

  public int maxEntries() {
    return maxEntries;
  }

  /** Results held now (expired ones included until they are looked up or pushed out). */
  public synchronized int size() {
    return entries.size();
  }

  /** Forgets everything, e.g. after a key was revoked. */
  public synchronized void clear() {
    entries.clear();
  }

  /** The cached pass for {@code key}, re-labelled with {@code reference}; expired entries are dropped. */
  synchronized Optional<ImageVerificationResult> get(Key key, String reference) {
    Entry e = live(key);
    if (e == null || !(e.result() instanceof ImageVerificationResult)) {
      return Optional.empty();
    }
    ImageVerificationResult r = (ImageVerificationResult) e.result();
    List<String> notes = new ArrayList<>(r.notes());
    notes.add(note(key, e, "verification with these keys"));
    return Optional.of(new ImageVerificationResult(reference, r.digest().orElseThrow(), r.subjects(),
        r.signatures(), notes));
  }

  /** The cached attestation pass for {@code key}, re-labelled with {@code reference}. */
  synchronized Optional<ImageAttestationResult> getAttestations(Key key, String reference) {
    Entry e = live(key);
    if (e == null || !(e.result() instanceof ImageAttestationResult)) {
      return Optional.empty();
    }
    ImageAttestationResult r = (ImageAttestationResult) e.result();
    List<String> notes = new ArrayList<>(r.notes());
    notes.add(note(key, e, "attestation verification with these keys and this predicate type"));
    return Optional.of(new ImageAttestationResult(reference, r.digest().orElseThrow(), r.requestedType()
        .orElse(null), r.attestations(), notes));
  }

  private Entry live(Key key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (!clock.instant().isBefore(e.expires())) {
      entries.remove(key);
      return null;
    }
    return e;
  }

  private static String note(Key key, Entry e, String what) {
    return "cached result: " + key.digest() + " passed " + what + " at " + e.verifiedAt() + " (trusted until "
        + e.expires() + ")";
  }

  /** Keeps {@code result} when it passed; a failure removes any entry for {@code key}. */
  synchronized void put(Key key, ImageVerificationResult result, Instant verifiedAt) {
    keep(key, result, result.passed() && result.digest().map(key.digest()::equals).orElse(false), verifiedAt);
  }

  /** Keeps an attestation {@code result} when it passed; a failure removes any entry for {@code key}. */
  synchronized void putAttestations(Key key, ImageAttestationResult result, Instant verifiedAt) {
    keep(key, result, result.passed() && result.digest().map(key.digest()::equals).orElse(false), verifiedAt);
  }

  private void keep(Key key, Object result, boolean passed, Instant verifiedAt) {
    if (!passed) {
      entries.remove(key);
      return;
    }
    entries.put(key, new Entry(result, verifiedAt, verifiedAt.plus(ttl)));
  }

  Instant now() {
    return clock.instant();
  }

  @Override
  public String toString() {
    return "VerificationCache[maxEntries=" + maxEntries + ", ttl=" + ttl + "]";
  }
}
