package dev.countersign.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.keys.internal.resolver.DirectoryFiles;
import dev.countersign.keys.internal.resolver.KeySelector;
import dev.countersign.keys.internal.resolver.ManifestCache;
import dev.countersign.keys.internal.resolver.ManifestFetcher;
import dev.countersign.keys.internal.resolver.ManifestFiles;
import dev.countersign.keys.internal.resolver.ManifestRefresher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rotation-aware {@link KeyResolver} over a key manifest published on a CDN. It fetches {@code keys.json} from
 * the base URL (and {@code N.keys.json} for every version between the trusted one and it), verifies the chain from
 * the pinned trust root with {@link ManifestTrust}, caches the verified chain on disk (default
 * {@code ~/.cache/countersign/keys/<sha-256 of the base URL>/}) and selects keys by key id or hint and signing time:
 * {@code active} and {@code retired} keys for times inside their {@code validFor} window, {@code revoked} keys only
 * for times before {@code revokedAt}, never a key whose window has not begun. Without a time in the query, revoked
 * keys are refused and retired keys accepted (unless {@link Builder#acceptRetiredWithoutTime(boolean)} says no).
 * {@link #lastResolution()} records the manifest version, its source and the rule applied to every key.
 *
 * <p>Any rule failure throws a {@link dev.countersign.core.VerificationException} naming the rule; the cached chain
 * is used only when the CDN cannot be reached (connection failure, timeout, HTTP 5xx) and has not expired, and
 * the resolution then says {@link ManifestSource#CACHE}. Plain {@code http://} is refused except for loopback hosts
 * or with {@link Builder#allowInsecureHttp()}. OpenPGP-fingerprint keys are not offered (verify them through their
 * keyring). A verified manifest is reused in memory for {@link Builder#maxAge(Duration)}; across processes the
 * disk cache remembers the CDN's {@code ETag} (sent as {@code If-None-Match}; a 304 reuses the cached chain) and its
 * {@code Cache-Control: max-age} (capped at one day; while fresh and unexpired, no request at all). A CDN that
 * sends no max-age is revalidated on every refresh. {@link #fromDirectory(Path)} reads a published directory
 * instead of a CDN. {@link #requestCount()} counts the requests made.
 */
public final class ManifestKeyResolver implements KeyResolver {
  private final ManifestFiles files;
  private final ManifestRefresher refresher;
  private final KeySelector selector;
  private final Clock clock;
  private final Duration maxAge;
  private ManifestRefresher.Outcome current;
  private Instant fetchedAt;
  private KeyResolution last;

  private ManifestKeyResolver(Builder b, ManifestTrust pinned, Path cacheDir) {
    this.files = b.directory != null ? new DirectoryFiles(b.directory)
        : new ManifestFetcher(b.baseUrl, b.allowInsecureHttp, b.connectTimeout, b.callTimeout);
    this.refresher = new ManifestRefresher(files, new ManifestCache(cacheDir), pinned);
    this.selector = new KeySelector(b.acceptRetiredWithoutTime);
    this.clock = b.clock;
    this.maxAge = b.maxAge;
  }

  /** A resolver over the manifest published at {@code baseUrl} ({@code https://}, or {@code http://} on loopback). */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * A resolver over a published directory on this machine (what {@code keys publish --dir} writes): it reads
   * {@code keys.json} and {@code N.keys.json} there on every refresh, with the same trust rules and cache.
   */
  public static Builder fromDirectory(Path directory) {
    return new Builder(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * A resolver over {@code location}: an {@code http(s)://} URL, or else a path to a published directory.
   */
  public static Builder builderFor(String location) {
    Objects.requireNonNull(location, "location");
    String l = location.toLowerCase(java.util.Locale.ROOT);
    if (l.startsWith("https://") || l.startsWith("http://")) {
      return builder(location);
    }
    if (l.matches("^[a-z][a-z0-9+.-]*://.*")) {
      throw new InvalidInputException("key manifest location must be an http(s) URL or a directory: " + location);
    }
    try {
      return fromDirectory(Path.of(location));
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidInputException("key manifest location is neither a URL nor a path: " + location, e);
    }
  }

  /**
   * How many HTTP requests (or, for a directory, file reads) this resolver has made for manifest files; a resolve
   * served from a fresh cache adds none.
   */
  public long requestCount() {
    return files.requests();
  }

  @Override
  public synchronized List<Verifier> resolve(KeyQuery query) {
    Objects.requireNonNull(query, "query");
    Instant now = clock.instant();
    if (current == null || !now.isBefore(fetchedAt.plus(maxAge))) {
      refresh();
    }
    List<KeyDecision> decisions = selector.decide(current.manifest(), query, now);
    last = new KeyResolution(query, current.manifest().version(), current.source(), current.detail(), decisions);
    return KeySelector.verifiers(current.manifest(), decisions);
  }

  /**
   * The OpenPGP-fingerprint keys of the manifest matching {@code query} (by key id, fingerprint or file name hint)
   * that the window and status rules accept for its time, best first; the decisions for all of them are recorded
   * in {@link #lastResolution()}. Verify with the key's published keyring ({@link #publishedFile}) after checking
   * the keyring's primary key has the manifest's fingerprint.
   */
  public synchronized List<ManifestKey> resolvePgp(KeyQuery query) {
    Objects.requireNonNull(query, "query");
    Instant now = clock.instant();
    if (current == null || !now.isBefore(fetchedAt.plus(maxAge))) {
      refresh();
    }
    KeyQuery q = query;
    if (query.hint().isPresent()) {
      String hint = query.hint().get();
      for (ManifestKey k : current.manifest().keys()) {
        if (k.pgpFingerprint().map(f -> f.equalsIgnoreCase(hint)).orElse(false)) {
          q = KeyQuery.builder().keyId(k.keyId()).time(query.time().orElse(null)).build();
        }
      }
    }
    List<KeyDecision> decisions = selector.decidePgp(current.manifest(), q, now);
    last = new KeyResolution(query, current.manifest().version(), current.source(), current.detail(), decisions);
    List<ManifestKey> out = new java.util.ArrayList<>();
    for (KeyDecision d : decisions) {
      if (d.accepted()) {
        current.manifest().keys().stream().filter(k -> k.keyId().equals(d.keyId())).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Reads a file published next to the manifest (a keyring named in {@link ManifestKey#files()}), at most
   * {@code maxBytes}. Its content is not covered by the manifest signatures unless the caller checks it (e.g. the
   * keyring's fingerprint against the manifest's).
   *
   * @throws dev.countersign.core.KeyNotFoundException when the source does not have it
   * @throws dev.countersign.core.BackendException when the CDN cannot be reached
   */
  public byte[] publishedFile(String name, int maxBytes) {
    dev.countersign.keys.internal.resolver.FetchResult r = files.getFile(name, maxBytes);
    switch (r.kind()) {
      case OK:
        return r.body();
      case UNREACHABLE:
        throw new dev.countersign.core.BackendException("cannot fetch " + files.location(name) + ": "
            + r.detail(), true);
      default:
        throw new dev.countersign.core.KeyNotFoundException("cannot fetch " + files.location(name) + " ("
            + r.rule() + "): " + r.detail());
    }
  }

  /** The verified manifest the last resolve used; empty before the first. */
  public synchronized Optional<KeyManifest> manifest() {
    return Optional.ofNullable(current).map(ManifestRefresher.Outcome::manifest);
  }

  /** Fetches and verifies the manifest chain now (falling back to the cache only when the CDN is unreachable). */
  public synchronized KeyManifest refresh() {
    Instant now = clock.instant();
    current = refresher.refresh(now);
    fetchedAt = now;
    return current.manifest();
  }

  /** What the last {@link #resolve} decided and why; empty before the first. */
  public synchronized Optional<KeyResolution> lastResolution() {
    return Optional.ofNullable(last);
  }

  /** Builds a {@link ManifestKeyResolver}; the trust root is required. */
  public static final class Builder {
    private final URI baseUrl;
    private final Path directory;
    private byte[] trustRoot;
    private Path cacheDirectory;
    private Path cacheRoot;
    private boolean allowInsecureHttp;
    private Duration expiryGrace = Duration.ZERO;
    private boolean acceptRetiredWithoutTime = true;
    private Duration maxAge = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration callTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();

    private Builder(String baseUrl) {
      try {
        this.baseUrl = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.directory = null;
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("key manifest base URL is not a URL: " + e.getMessage(), e);
      }
    }

    private Builder(Path directory) {
      this.baseUrl = null;
      this.directory = directory;
    }

    /** The pinned manifest ({@code 1.keys.json} or a later one the application bundles); required. */
    public Builder trustRoot(byte[] manifest) {
      this.trustRoot = Objects.requireNonNull(manifest, "manifest").clone();
      return this;
    }

    /**
     * A root for caches: the cache is {@code root/<first 16 bytes of the SHA-256 of the source, hex>}, so one root
     * serves many sources (the default root is {@code ~/.cache/countersign/keys}).
     */
    public Builder cacheRoot(Path root) {
      this.cacheRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /** The cache directory itself (overrides {@link #cacheRoot(Path)}). */
    public Builder cacheDirectory(Path dir) {
      this.cacheDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Allows plain {@code http://} to hosts other than loopback (a trusted internal mirror). */
    public Builder allowInsecureHttp() {
      this.allowInsecureHttp = true;
      return this;
    }

    /** Accept an expired manifest within this grace period (freeze defence opt-out); default none. */
    public Builder expiryGrace(Duration grace) {
      this.expiryGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /** Policy for queries without a signing time: accept retired keys (default) or not. */
    public Builder acceptRetiredWithoutTime(boolean accept) {
      this.acceptRetiredWithoutTime = accept;
      return this;
    }

    /** How long a verified manifest is reused before the CDN is asked again; default 5 minutes. */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = positive(maxAge, "maxAge");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** The whole-request time limit; a timeout counts as the CDN being unreachable. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates the URL and pins the trust root.
     *
     * @throws dev.countersign.core.VerificationException when the trust root is not signed by its own threshold
     */
    public ManifestKeyResolver build() {
      if (trustRoot == null) {
        throw new InvalidInputException("a trust root (pinned key manifest) is required");
      }
      ManifestTrust pinned = ManifestTrust.pin(trustRoot).withExpiryGrace(expiryGrace);
      Path root = cacheRoot != null ? cacheRoot
          : Path.of(System.getProperty("user.home"), ".cache", "countersign", "keys");
      Path dir = cacheDirectory != null ? cacheDirectory : root.resolve(urlHash(baseUrl != null ? baseUrl.toString()
              : directory.toAbsolutePath().normalize().toUri().toString()));
      return new ManifestKeyResolver(this, pinned, dir);
    }

    private static Duration positive(Duration d, String what) {
      if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
        throw new InvalidInputException(what + " must be positive: " + d);
      }
      return d;
    }

    private static String urlHash(String url) {
      try {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 missing from the JDK", e);
      }
    }
  }
}
