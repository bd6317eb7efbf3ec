package dev.countersign.oci.internal.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Referrers;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.Repository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a pushed referrer findable. When {@link Repository#referrers} already lists it (a referrers API, or a
 * repository that maintains the fallback index itself) nothing is written; otherwise the referrers tag schema's
 * index at {@code sha256-<hex>} gets the referrer's descriptor, with the same optimistic merge-and-confirm as
 * {@link LegacyAppend} so that concurrent signers keep each other's entries.
 */
public final class ReferrersFallback {
  private ReferrersFallback() {}

  /** Ensures {@code referrer} (with artifact type and annotations) is listed for {@code subject}. */
  public static void ensureListed(Repository repo, Digest subject, Descriptor referrer, int maxAttempts,
      Duration confirmDelay) {
    if (listed(repo.referrers(subject, null), referrer.digest())) {
      return;
    }
    String tag = Referrers.fallbackTag(subject);
    Map<Digest, Descriptor> remembered = new LinkedHashMap<>();
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Optional<Manifest> current = repo.manifest(tag);
      List<Descriptor> entries = current.map(m -> entriesOf(m, tag)).orElse(List.of());
      entries.forEach(d -> remembered.putIfAbsent(d.digest(), d));
      remembered.putIfAbsent(referrer.digest(), referrer);
      List<Descriptor> merged = new ArrayList<>(entries);
      for (Descriptor d : remembered.values()) {
        if (!listed(merged, d.digest()) && repo.resolve(d.digest().toString()).isPresent()) {
          merged.add(d);
        }
      }
      if (merged.size() != entries.size()) {
        ImageIndex.Builder index = ImageIndex.builder();
        merged.forEach(index::add);
        repo.putManifest(index.build().manifest(), tag);
        LegacyAppend.sleep(confirmDelay);
      }
      List<Descriptor> confirmed = repo.manifest(tag).map(m -> entriesOf(m, tag)).orElse(List.of());
      if (remembered.keySet().stream().allMatch(d -> listed(confirmed, d))) {
        return;
      }
      LegacyAppend.sleep(Duration.ofMillis((long) (Math.random() * 20 * attempt)));
    }
    throw new RegistryException("referrers index " + tag + " in " + repo.name() + " kept changing under"
        + " concurrent writers; gave up after " + maxAttempts + " attempts", 0, null, true, null);
  }

  private static boolean listed(List<Descriptor> list, Digest digest) {
    return list.stream().anyMatch(d -> d.digest().equals(digest));
  }

  private static List<Descriptor> entriesOf(Manifest m, String tag) {
    if (!MediaTypes.isIndex(m.mediaType())) {
      throw new InvalidInputException("existing " + tag + " is a " + m.mediaType() + ", not an index");
    }
    ImageIndex index;
    try {
      index = ImageIndex.parse(m);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("existing referrers index " + tag + " is unreadable: " + e.getMessage(), e);
    }
    List<Descriptor> out = new ArrayList<>();
    index.manifests().forEach(e -> out.add(e.descriptor()));
    return out;
  }
}
