package dev.countersign.oci.internal.registry;

import dev.countersign.core.Digest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, least-recently-used cache of small digest-addressed content (manifests, signature payloads, bundles)
 * per registry repository. Content named by a digest is immutable, so a hit is as good as a fetch; an entry is
 * only stored after its bytes were hashed again and matched the digest it is stored under. Tags are never cached.
 * Entries are keyed by registry and repository as well as digest: a blob seen in one repository says nothing about
 * another's. Thread-safe; a capacity of 0 disables it.
 */
public final class ContentCache {
  /** Largest single entry: big manifests and blobs are streamed, not kept. */
  public static final int MAX_ENTRY_BYTES = 256 << 10;

  /** Cached bytes with their media type (null for blobs). */
  public record Entry(String mediaType, byte[] bytes) {}

  private final long capacity;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long size;

  public ContentCache(long capacityBytes) {
    this.capacity = Math.max(0, capacityBytes);
  }

  /** Whether content of {@code length} bytes would be kept. */
  public boolean accepts(long length) {
    return capacity > 0 && length >= 0 && length <= Math.min(MAX_ENTRY_BYTES, capacity);
  }

  /** The content stored for {@code digest} in {@code repository} (a copy of the bytes). */
  public Optional<Entry> get(String repository, Digest digest) {
    if (capacity == 0) {
      return Optional.empty();
    }
    synchronized (this) {
      Entry e = entries.get(key(repository, digest));
      return e == null ? Optional.empty() : Optional.of(new Entry(e.mediaType(), e.bytes().clone()));
    }
  }

  /** Stores {@code bytes} under {@code digest} when they hash to it and fit; returns whether it was stored. */
  public boolean put(String repository, Digest digest, String mediaType, byte[] bytes) {
    if (!accepts(bytes.length)) {
      return false;
    }
    Digest actual = Digest.compute(digest.algorithm(), bytes);
    if (!actual.matches(digest)) {
      return false;
    }
    Entry fresh = new Entry(mediaType, bytes.clone());
    synchronized (this) {
      Entry old = entries.put(key(repository, digest), fresh);
      size += bytes.length - (old == null ? 0 : old.bytes().length);
      for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); size > capacity && it.hasNext(); ) {
        size -= it.next().getValue().bytes().length;
        it.remove();
      }
    }
    return true;
  }

  /** Forgets {@code digest} in {@code repository} (after a delete through this client). */
  public synchronized void remove(String repository, Digest digest) {
    Entry old = entries.remove(key(repository, digest));
    if (old != null) {
      size -= old.bytes().length;
    }
  }

  /** Bytes held now. */
  public synchronized long size() {
    return size;
  }

  private static String key(String repository, Digest digest) {
    return repository + "@" + digest;
  }
}
