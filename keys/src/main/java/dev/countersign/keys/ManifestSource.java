package dev.countersign.keys;

/**
 * Where a {@link ManifestKeyResolver} got the manifest it selected keys from: freshly fetched and verified from the
 * CDN ({@link #NETWORK}); the cached verified chain because the CDN answered {@code 304 Not Modified} to its ETag
 * ({@link #NOT_MODIFIED}) or because the last answer is still fresh under {@code Cache-Control: max-age} and no
 * request was made ({@link #FRESH_CACHE}); read from a local published directory ({@link #DIRECTORY}); or the
 * cached verified chain because the CDN could not be reached and the cache had not expired ({@link #CACHE}).
 */
public enum ManifestSource {
  NETWORK,
  CACHE,
  NOT_MODIFIED,
  FRESH_CACHE,
  DIRECTORY
}
