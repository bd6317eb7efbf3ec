package dev.countersign.oci.internal.layout;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
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

  /** What a manifest says about itself as a referrer: its subject and its referrer descriptor. */
  private static final class Info {
    final Digest subject;
    final Descriptor descriptor;

    Info(Digest subject, Descriptor descriptor) {
      this.subject = subject;
      this.descriptor = descriptor;
    }
  }

  private final Map<Digest, Optional<Info>> cache = new ConcurrentHashMap<>();
  private final Function<Descriptor, Manifest> fetch;

  /** A scanner fetching verified manifests with {@code fetch}. */
  public ReferrerScan(Function<Descriptor, Manifest> fetch) {
    this.fetch = fetch;
  }

  /** The fallback tag of a subject: {@code sha256-<hex>}. */
  public static String fallbackTag(Digest subject) {
    return subject.algorithm().ociName() + "-" + subject.hex();
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
      Optional<Info> info = cache.computeIfAbsent(d.digest(), k -> inspect(d));
      if (info != null && info.isPresent() && info.get().subject.equals(subject)
          && (artifactType == null || artifactType.equals(info.get().descriptor.artifactType().orElse(null)))) {
        found.put(d.digest(), info.get().descriptor);
      }
    }
    return new ArrayList<>(found.values());
  }

  /** Forgets what is known about {@code digest} (after it was deleted). */
  public void forget(Digest digest) {
    cache.remove(digest);
  }

  private Optional<Info> inspect(Descriptor d) {
    try {
      Manifest m = fetch.apply(d);
      Descriptor.Builder b = m.descriptor().toBuilder();
      if (MediaTypes.isIndex(m.mediaType())) {
        ImageIndex index = ImageIndex.parse(m);
        if (index.subject().isEmpty()) {
          return Optional.empty();
        }
        b.artifactType(index.artifactType().orElse(null)).annotations(index.annotations());
        return Optional.of(new Info(index.subject().get().digest(), b.build()));
      }
      ImageManifest im = ImageManifest.parse(m);
      if (im.subject().isEmpty()) {
        return Optional.empty();
      }
      b.artifactType(im.effectiveArtifactType()).annotations(im.annotations());
      return Optional.of(new Info(im.subject().get().digest(), b.build()));
    } catch (CountersignException | UncheckedIOException e) {
      LOG.debug("skipping unreadable manifest {} while looking for referrers: {}", d.digest(), e.getMessage());
      return null; // not cached: the failure may be transient
    }
  }
}
