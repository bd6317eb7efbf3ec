package dev.countersign.keys.internal.resolver;

/**
 * Where the published manifest files are read from: a CDN over HTTP(S) ({@link ManifestFetcher}) or a local
 * published directory ({@link DirectoryFiles}). Implementations never throw for an unreachable source; they report
 * it in the {@link FetchResult}.
 */
public interface ManifestFiles {
  /** Reads {@code name} (e.g. {@code keys.json}, {@code 2.keys.json}). */
  default FetchResult get(String name) {
    return get(name, null);
  }

  /** Reads {@code name}, sending {@code If-None-Match: etag} when {@code etag} is not null and the source is HTTP. */
  FetchResult get(String name, String etag);

  /**
   * Reads another published file next to the manifest (a PGP keyring, a PEM key): any content type, at most
   * {@code maxBytes}; {@code name} must be a plain file name (no path separators, not starting with a dot).
   */
  FetchResult getFile(String name, int maxBytes);

  /** A single path segment of safe characters that does not start with a dot. */
  static boolean isPlainName(String name) {
    return name != null && name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");
  }

  /** Where {@code name} is read from (a URL or a path), for messages. */
  String location(String name);

  /** Whether the files are on this machine: no freshness or ETag bookkeeping applies, every read is fresh. */
  boolean local();

  /** How many HTTP requests (or file reads) this source has made. */
  long requests();
}
