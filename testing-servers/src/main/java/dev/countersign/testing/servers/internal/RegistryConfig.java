package dev.countersign.testing.servers.internal;

/**
 * Settings of one in-memory registry: credentials ({@code user} null means anonymous), whether they are checked
 * through the Bearer token flow instead of Basic, size limits, and whether the referrers API is offered.
 */
public record RegistryConfig(String user, String password, boolean bearer, long maxManifestBytes,
    long maxBlobBytes, boolean referrersApi) {

  /** Validates the limits and that a user comes with a password. */
  public RegistryConfig {
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException("user and password go together");
    }
    if (maxManifestBytes < 1 || maxBlobBytes < 1 || maxBlobBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("size limits must be positive (blobs at most 2 GiB)");
    }
  }

  /** Whether requests need credentials or a token. */
  boolean authenticated() {
    return user != null || bearer;
  }

  @Override
  public String toString() {
    return "RegistryConfig[user=" + user + ", bearer=" + bearer + ", maxManifestBytes=" + maxManifestBytes
        + ", maxBlobBytes=" + maxBlobBytes + ", referrersApi=" + referrersApi + "]";
  }
}
