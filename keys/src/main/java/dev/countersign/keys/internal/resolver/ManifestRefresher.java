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
 * a CDN serving an older version is a rollback); while the last {@code keys.json} answer is fresh (its
 * {@code Cache-Control: max-age}, at most {@link #MAX_FRESHNESS}; without one, zero: always revalidate) and the cached
 * manifest has not expired, use it without any request ({@link ManifestSource#FRESH_CACHE}); otherwise GET
 * {@code keys.json} with {@code If-None-Match} (a 304 keeps the cached chain: {@link ManifestSource#NOT_MODIFIED}),
 * GET {@code N.keys.json} for each version between the base and it, walk the chain with {@link ManifestTrust},
 * store it. Only an unreachable CDN (connection failure, timeout, 5xx) falls back to the cached chain, and only
 * while it has not expired; every other failure is a {@link VerificationException} naming the rule. A local
 * directory source is read every time ({@link ManifestSource#DIRECTORY}).
 */
public final class ManifestRefresher {
  /** More versions than this between the trusted one and {@code keys.json} are refused. */
  static final int MAX_INTERMEDIATE = 1000;
  /** A server's {@code max-age} above this is cut to it, so a revocation reaches clients within a day. */
  public static final Duration MAX_FRESHNESS = Duration.ofDays(1);
  private static final Duration IGNORE_EXPIRY = Duration.ofDays(365L * 10_000);

  private final ManifestFiles fetcher;
  private final ManifestCache cache;
  private final ManifestTrust pinned;

  public ManifestRefresher(ManifestFiles fetcher, ManifestCache cache, ManifestTrust pinned) {
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
    FetchState state = haveCache && !fetcher.local() ? cache.loadState() : null;
    if (state != null && state.version() != base.trusted().version()) {
      state = null;
    }
    boolean unexpired = haveCache && now.isBefore(base.trusted().expires());
    if (state != null && unexpired && now.isBefore(state.freshUntil())) {
      return new Outcome(base.trusted(), ManifestSource.FRESH_CACHE, "cached verified version "
          + base.trusted().version() + " of " + fetcher.location("keys.json") + ", fresh until "
          + state.freshUntil() + "; no request made");
    }
    FetchResult top = fetcher.get("keys.json", state == null ? null : state.etag());
    if (top.kind() == FetchResult.Kind.UNREACHABLE) {
      return fromCache(base, haveCache ? null : cacheNote, top.detail(), now);
    }
    if (top.kind() == FetchResult.Kind.NOT_MODIFIED) {
      return notModified(base, state, top, now);
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
      throw new VerificationException(VerificationReport.builder("key manifest from " + fetcher.location("keys.json"))
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
    String detail = (fetcher.local() ? "read " : "fetched ") + fetcher.location("keys.json") + " (version "
        + version + (chain.size() > 1 ? ", via " + (chain.size() - 1) + " intermediate versions" : "") + ")";
    if (fetcher.local()) {
      return new Outcome(verified.trusted(), ManifestSource.DIRECTORY, detail);
    }
    cache.storeState(new FetchState(version, top.etag().orElse(null), now.plus(freshness(top))));
    return new Outcome(verified.trusted(), ManifestSource.NETWORK, detail);
  }

  private Duration freshness(FetchResult r) {
    Duration d = r.maxAge().orElse(Duration.ZERO);
    return d.compareTo(MAX_FRESHNESS) > 0 ? MAX_FRESHNESS : d;
  }

  /** A 304: the cached chain is still what the CDN serves; it must not have expired (freeze defence). */
  private Outcome notModified(ManifestTrust base, FetchState state, FetchResult r, Instant now) {
    KeyManifest m = base.trusted();
    Instant limit = m.expires().plus(base.expiryGrace());
    if (!now.isBefore(limit)) {
      throw new VerificationException(VerificationReport.builder("key manifest from "
          + fetcher.location("keys.json")).add(VerificationCheck.failed("expiry", "a manifest that has not expired",
              m.expires().toString(), "the CDN answered 304 Not Modified for an expired manifest (version "
              + m.version() + ")")).build());
    }
    cache.storeState(new FetchState(m.version(), state.etag(), now.plus(freshness(r))));
    return new Outcome(m, ManifestSource.NOT_MODIFIED, fetcher.location("keys.json") + " not modified (ETag "
        + state.etag() + "); cached verified version " + m.version());
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
    return new VerificationException(VerificationReport.builder("key manifest from " + fetcher.location("keys.json"))
        .add(VerificationCheck.failed(r.rule(), "a complete application/json manifest with HTTP 200", null,
            r.detail())).build());
  }
}
