package dev.countersign.keys;

/**
 * Where a {@link ManifestKeyResolver} got the manifest it selected keys from: freshly fetched and verified from the
 * CDN, or the cached verified chain, used only because the CDN could not be reached and the cache had not expired.
 */
public enum ManifestSource {
  NETWORK,
  CACHE
}
