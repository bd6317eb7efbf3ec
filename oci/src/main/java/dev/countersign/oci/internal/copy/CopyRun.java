package dev.countersign.oci.internal.copy;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Referrers;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.io.VerifyingInputStream;
import dev.countersign.oci.internal.registry.RegistryRepositoryImpl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One copy operation: a manifest tree (an index's platform manifests recursively) with its blobs, then, when
 * asked, its signatures: the {@code sha256-<hex>.sig} and {@code .att} tags, referrers, and the
 * {@code sha256-<hex>} fallback index (merged with one the target already has). Blobs the target has are skipped;
 * every manifest and blob is checked against its digest on the way.
 */
public final class CopyRun {
  private static final int MAX_DEPTH = 8;
  private static final int BLOB_ATTEMPTS = 3;
  private static final String[] SIGNATURE_SUFFIXES = {".sig", ".att"};

  private final Repository source;
  private final Repository target;
  private final Set<Digest> copiedManifests = new HashSet<>();
  private final List<Digest> order = new ArrayList<>();
  private int blobsCopied;
  private int blobsSkipped;

  public CopyRun(Repository source, Repository target) {
    this.source = source;
    this.target = target;
  }

  public int manifestsCopied() {
    return copiedManifests.size();
  }

  public int blobsCopied() {
    return blobsCopied;
  }

  public int blobsSkipped() {
    return blobsSkipped;
  }

  /** Copies the manifest tree {@code top} and tags it {@code tag} (may be null). */
  public Descriptor copyImage(Descriptor top, String tag) {
    return copyTree(top, tag, 0).descriptor();
  }

  /** Copies signatures of everything copied so far, and signatures of those signatures' referrers. */
  public void copySignatures() {
    Deque<Digest> work = new ArrayDeque<>(order);
    Set<Digest> done = new HashSet<>();
    while (!work.isEmpty()) {
      Digest d = work.poll();
      if (!done.add(d)) {
        continue;
      }
      String base = Referrers.fallbackTag(d);
      for (String suffix : SIGNATURE_SUFFIXES) {
        // a GET, not a HEAD: when the tag exists its manifest is needed (fetch() then finds it in the cache)
        Optional<Descriptor> sig = source.manifest(base + suffix).map(Manifest::descriptor);
        if (sig.isPresent()) {
          copyTree(sig.get(), base + suffix, 0);
        }
      }
      for (Descriptor r : source.referrers(d, null)) {
        copyTree(r, null, 0);
        work.add(r.digest());
      }
      Optional<Descriptor> fallback = source.manifest(base).map(Manifest::descriptor);
      if (fallback.isPresent() && MediaTypes.isIndex(fallback.get().mediaType())) {
        copyFallbackIndex(fallback.get(), base);
      }
    }
  }

  private Manifest copyTree(Descriptor d, String tag, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidInputException("index nesting deeper than " + MAX_DEPTH + " at " + d.digest());
    }
    Manifest m = fetch(d);
    if (copiedManifests.contains(d.digest())) {
      if (tag != null) {
        target.putManifest(m, tag);
      }
      return m;
    }
    if (MediaTypes.isIndex(m.mediaType())) {
      for (ImageIndex.Entry e : ImageIndex.parse(m).manifests()) {
        copyTree(e.descriptor(), null, depth + 1);
      }
    } else if (MediaTypes.isImageManifest(m.mediaType())) {
      ImageManifest im = ImageManifest.parse(m);
      copyBlob(im.config());
      im.layers().forEach(this::copyBlob);
    } else {
      throw new InvalidInputException("cannot copy " + d.digest() + ": unsupported manifest media type "
          + m.mediaType());
    }
    target.putManifest(m, tag);
    copiedManifests.add(d.digest());
    order.add(d.digest());
    return m;
  }

  private Manifest fetch(Descriptor d) {
    Manifest m = source.manifest(d.digest().toString()).orElseThrow(() -> new InvalidInputException(
        "manifest " + d.digest() + " is not in " + source.name()));
    return Manifest.verified(m.mediaType(), m.bytes(), d.digest());
  }

  private void copyBlob(Descriptor d) {
    // our repositories check for the blob inside pushBlob (one HEAD for a registry) and then read nothing: the
    // source is opened only when it is read. Others are asked first, so an existing blob is never transferred.
    boolean checksItself = target instanceof OciLayout || target instanceof RegistryRepositoryImpl;
    if (!checksItself && target.hasBlob(d.digest())) {
      blobsSkipped++;
      return;
    }
    String what = "blob " + d.digest() + " from " + source.name();
    LazySource in;
    for (int attempt = 1; ; attempt++) {
      in = new LazySource(() -> verifiesReads(source) ? source.openBlob(d)
          : new VerifyingInputStream(source.openBlob(d), d.digest(), d.size(), what));
      try (LazySource current = in) {
        target.pushBlob(d.mediaType(), d.digest(), d.size(), current);
        break;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + what, e);
      } catch (RegistryException e) {
        // a streamed upload or download cannot be replayed by the HTTP layer, but the copy can open the source
        // again: a connection lost mid-blob (retryable) restarts that blob, at most BLOB_ATTEMPTS times
        if (!e.retryable() || attempt >= BLOB_ATTEMPTS) {
          throw e;
        }
      }
    }
    if (in.opened() || !checksItself) {
      blobsCopied++;
    } else {
      blobsSkipped++;
    }
  }

  /** A source blob opened on first read, so that a target that already has it costs no download. */
  private static final class LazySource extends InputStream {
    private final java.util.function.Supplier<InputStream> open;
    private InputStream in;

    LazySource(java.util.function.Supplier<InputStream> open) {
      this.open = open;
    }

    boolean opened() {
      return in != null;
    }

    private InputStream in() {
      if (in == null) {
        in = open.get();
      }
      return in;
    }

    @Override
    public int read() throws IOException {
      return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in().read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      return in().skip(n);
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }

  /**
   * Whether {@code repo} is one of ours, whose {@code openBlob} verifies digest and size as the blob streams (as the
   * {@link Repository} contract asks): hashing again here would cost a pass over every layer. Other implementations
   * are verified here all the same.
   */
  private static boolean verifiesReads(Repository repo) {
    return repo instanceof OciLayout || repo instanceof RegistryRepositoryImpl;
  }

  /** Copies the referrers index tag, merged with the target's own (entries unioned by digest). */
  private void copyFallbackIndex(Descriptor d, String tag) {
    ImageIndex src = ImageIndex.parse(fetch(d));
    for (ImageIndex.Entry e : src.manifests()) {
      copyTree(e.descriptor(), null, 1);
    }
    Optional<Manifest> existing = target.manifest(tag).filter(m -> MediaTypes.isIndex(m.mediaType()));
    if (existing.isEmpty() || existing.get().digest().equals(d.digest())) {
      target.putManifest(src.manifest(), tag);
      copiedManifests.add(d.digest());
      return;
    }
    Map<Digest, ImageIndex.Entry> union = new LinkedHashMap<>();
    ImageIndex.parse(existing.get()).manifests().forEach(e -> union.putIfAbsent(e.descriptor().digest(), e));
    src.manifests().forEach(e -> union.putIfAbsent(e.descriptor().digest(), e));
    ImageIndex merged = ImageIndex.builder().manifests(new ArrayList<>(union.values()))
        .annotations(src.annotations()).build();
    target.putManifest(merged.manifest(), tag);
    copiedManifests.add(merged.manifest().digest());
  }
}
