package dev.countersign.oci.internal.layout;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.internal.manifest.ReferrerInfo;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds referrers in a store without a referrers API: manifests listed in the index whose {@code subject} matches,
 * plus those named by the {@code sha256-<hex>} fallback index tag. Each candidate manifest is fetched and parsed
 * (a fallback index's own artifactType claims are not trusted); results per manifest digest are cached, which is
 * safe because content is addressed by digest. Unreadable candidates are skipped (and logged at debug level).
 */
public final class ReferrerScan {
  private static final Logger LOG = LoggerFactory.getLogger(ReferrerScan.class);

  private final Map<Digest, Optional<ReferrerInfo>> cache = new ConcurrentHashMap<>();
  private final Function<Descriptor, Manifest> fetch;

  /** A scanner fetching verified manifests with {@code fetch}. */
  public ReferrerScan(Function<Descriptor, Manifest> fetch) {
    this.fetch = fetch;
  }

  /** Referrers of {@code subject} among {@code candidates} and the entries of {@code fallbackIndex}. */
  public List<Descriptor> referrers(Digest subject, String artifactType, List<Descriptor> candidates,
      ImageIndex fallbackIndex) {
    List<Descriptor> all = new ArrayList<>(candidates);
    if (fallbackIndex != null) {
      fallbackIndex.manifests().forEach(e -> all.add(e.descriptor()));
    }
    Map<Digest, Descriptor> found = new LinkedHashMap<>();
    for (Descriptor d : all) {
      if (found.containsKey(d.digest())
          || !(MediaTypes.isImageManifest(d.mediaType()) || MediaTypes.isIndex(d.mediaType()))) {
        continue;
      }
      Optional<ReferrerInfo> info = cache.computeIfAbsent(d.digest(), k -> inspect(d));
      if (info != null && info.isPresent() && info.get().refersTo(subject)
          && (artifactType == null || artifactType.equals(info.get().artifactType()))) {
        found.put(d.digest(), info.get().descriptor());
      }
    }
    return new ArrayList<>(found.values());
  }

  /** Forgets what is known about {@code digest} (after it was deleted). */
  public void forget(Digest digest) {
    cache.remove(digest);
  }

  private Optional<ReferrerInfo> inspect(Descriptor d) {
    try {
      ReferrerInfo info = ReferrerInfo.of(fetch.apply(d));
      return info.subject().isPresent() ? Optional.of(info) : Optional.empty();
    } catch (CountersignException | UncheckedIOException e) {
      LOG.debug("skipping unreadable manifest {} while looking for referrers: {}", d.digest(), e.getMessage());
      return null; // not cached: the failure may be transient
    }
  }
}
