package dev.countersign.keys;

import dev.countersign.core.KeyId;
import dev.countersign.core.KeyQuery;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ManifestKeyResolver} decided for one query: the manifest version and where it came from
 * ({@link ManifestSource}, with the reason when it is the cache), and one {@link KeyDecision} per key that matched
 * the query's key id or hint, accepted keys first in the order offered.
 */
public final class KeyResolution {
  private final KeyQuery query;
  private final int manifestVersion;
  private final ManifestSource source;
  private final String sourceDetail;
  private final List<KeyDecision> decisions;

  public KeyResolution(KeyQuery query, int manifestVersion, ManifestSource source, String sourceDetail,
      List<KeyDecision> decisions) {
    this.query = Objects.requireNonNull(query, "query");
    this.manifestVersion = manifestVersion;
    this.source = Objects.requireNonNull(source, "source");
    this.sourceDetail = Objects.requireNonNull(sourceDetail, "sourceDetail");
    this.decisions = List.copyOf(decisions);
  }

  public KeyQuery query() {
    return query;
  }

  public int manifestVersion() {
    return manifestVersion;
  }

  public ManifestSource source() {
    return source;
  }

  /** E.g. {@code "fetched https://.../keys.json"} or why the cache was used. */
  public String sourceDetail() {
    return sourceDetail;
  }

  public List<KeyDecision> decisions() {
    return decisions;
  }

  /** The decision for {@code keyId}, if that key matched the query. */
  public Optional<KeyDecision> decision(KeyId keyId) {
    return decisions.stream().filter(d -> d.keyId().equals(keyId)).findFirst();
  }

  @Override
  public String toString() {
    return "KeyResolution{manifest version " + manifestVersion + " from " + source + " (" + sourceDetail + "), "
        + decisions + "}";
  }
}
