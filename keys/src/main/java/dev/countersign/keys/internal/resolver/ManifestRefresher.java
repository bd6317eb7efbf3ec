package dev.countersign.keys.internal.resolver;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestSource;
import dev.countersign.keys.ManifestTrust;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One refresh of the manifest chain: re-verify the cached chain from the pinned manifest (it becomes the base, so
 * a CDN serving an older version is a rollback), GET {@code keys.json}, GET {@code N.keys.json} for each version
 * between the base and it, walk the chain with {@link ManifestTrust}, store it. Only an unreachable CDN
 * (connection failure, timeout, 5xx) falls back to the cached chain, and only while it has not expired; every
 * other failure is a {@link VerificationException} naming the rule.
 */
public final class ManifestRefresher {
  /** More versions than this between the trusted one and {@code keys.json} are refused. */
  static final int MAX_INTERMEDIATE = 1000;
  private static final Duration IGNORE_EXPIRY = Duration.ofDays(365L * 10_000);

  private final ManifestFetcher fetcher;
  private final ManifestCache cache;
  private final ManifestTrust pinned;

  public ManifestRefresher(ManifestFetcher fetcher, ManifestCache cache, ManifestTrust pinned) {
    this.fetcher = fetcher;
    this.cache = cache;
    this.pinned = pinned;
  }

  /** A verified manifest with where it came from. */
  public record Outcome(KeyManifest manifest, ManifestSource source, String detail) {}

  public Outcome refresh(Instant now) {
    List<byte[]> cached = cache.load(pinned.trusted().version());
    ManifestTrust base = pinned;
    boolean haveCache = false;
    String cacheNote = "no verified manifest is cached in " + cache.directory();
    if (!cached.isEmpty()) {
      try {
        base = pinned.withExpiryGrace(IGNORE_EXPIRY).trustChain(cached, now).withExpiryGrace(pinned.expiryGrace());
        haveCache = true;
      } catch (VerificationException e) {
        base = pinned; // a cache that no longer verifies from the pin is ignored; the pin still anchors trust
        cacheNote = "the cache in " + cache.directory() + " does not verify from the pinned manifest ("
            + e.getMessage() + ")";
      }
    }
    FetchResult top = fetcher.get("keys.json");
    if (top.kind() == FetchResult.Kind.UNREACHABLE) {
      return fromCache(base, haveCache ? null : cacheNote, top.detail(), now);
    }
    if (top.kind() == FetchResult.Kind.FAILED) {
      throw refusal(top);
    }
    byte[] latest = top.body();
    int version;
    try {
      version = KeyManifest.parse(latest).version();
    } catch (InvalidInputException e) {
      base.check(latest, now).orThrow();
      throw e;
    }
    int from = base.trusted().version();
    if (version - from - 1 > MAX_INTERMEDIATE) {
      throw new VerificationException(VerificationReport.builder("key manifest from " + fetcher.url("keys.json"))
          .add(VerificationCheck.failed("version", "at most " + MAX_INTERMEDIATE + " versions after " + from,
              String.valueOf(version), "too many intermediate versions")).build());
    }
    List<byte[]> chain = new ArrayList<>();
    for (int v = from + 1; v < version; v++) {
      FetchResult r = fetcher.get(v + ".keys.json");
      if (r.kind() == FetchResult.Kind.UNREACHABLE) {
        return fromCache(base, haveCache ? null : cacheNote, r.detail(), now);
      }
      if (r.kind() == FetchResult.Kind.FAILED) {
        throw refusal(r);
      }
      chain.add(r.body());
    }
    chain.add(latest);
    ManifestTrust verified = base.trustChain(chain, now);
    int v = version - chain.size() + 1;
    for (byte[] m : chain) {
      cache.store(v++, m);
    }
    String detail = "fetched " + fetcher.url("keys.json") + " (version " + version
        + (chain.size() > 1 ? ", via " + (chain.size() - 1) + " intermediate versions" : "") + ")";
    return new Outcome(verified.trusted(), ManifestSource.NETWORK, detail);
  }

  private Outcome fromCache(ManifestTrust base, String noCache, String why, Instant now) {
    if (noCache != null) {
      throw new BackendException("key CDN unreachable (" + why + ") and " + noCache, true);
    }
    KeyManifest m = base.trusted();
    VerificationReport.Builder r = VerificationReport.builder("cached key manifest version " + m.version()
        + " (CDN unreachable: " + why + ")");
    r.add(VerificationCheck.passed("cache", "verified chain from the pinned manifest in " + cache.directory()));
    Instant limit = m.expires().plus(base.expiryGrace());
    if (now.isBefore(limit)) {
      r.add(VerificationCheck.passed("expiry", "expires " + m.expires()));
    } else {
      r.add(VerificationCheck.failed("expiry", "a cached manifest that has not expired", m.expires().toString(),
          "the CDN is unreachable and the cached manifest expired; refusing to work offline"));
    }
    r.build().orThrow();
    return new Outcome(m, ManifestSource.CACHE, "CDN unreachable (" + why + "); using the cached verified"
        + " version " + m.version() + ", expires " + m.expires());
  }

  private VerificationException refusal(FetchResult r) {
    return new VerificationException(VerificationReport.builder("key manifest from " + fetcher.url("keys.json"))
        .add(VerificationCheck.failed(r.rule(), "a complete application/json manifest with HTTP 200", null,
            r.detail())).build());
  }
}
