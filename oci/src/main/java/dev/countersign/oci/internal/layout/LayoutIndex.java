package dev.countersign.oci.internal.layout;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A layout's {@code index.json}: read strictly (at most {@link #MAX_BYTES} and {@link #MAX_ENTRIES} entries,
 * parsed once per version of the file) and rewritten atomically under a lock that holds within this JVM and, via
 * {@code index.json.lock} and {@link FileChannel#lock()}, across processes.
 */
public final class LayoutIndex {
  /** Largest index.json read. */
  public static final int MAX_BYTES = 4 << 20;
  /** Most entries read from index.json. */
  public static final int MAX_ENTRIES = 100_000;
  /** Lock file name, next to index.json. */
  public static final String LOCK_FILE = "index.json.lock";

  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path root;
  private final Path file;
  private volatile Cached cached;

  private static final class Cached {
    final Object key;
    final long size;
    final long modified;
    final LayoutSnapshot snapshot;

    Cached(Object key, long size, long modified, LayoutSnapshot snapshot) {
      this.key = key;
      this.size = size;
      this.modified = modified;
      this.snapshot = snapshot;
    }
  }

  /** The index of the layout at {@code realRoot}. */
  public LayoutIndex(Path realRoot) {
    this.root = realRoot;
    this.file = realRoot.resolve("index.json");
  }

  /** The current index.json, parsed (cached while the file is unchanged). */
  public LayoutSnapshot read() {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("layout " + root + " has no index.json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (!attrs.isRegularFile()) {
      throw new InvalidInputException(file + " is not a regular file");
    }
    Cached c = cached;
    if (c != null && Objects.equals(c.key, attrs.fileKey()) && c.key != null && c.size == attrs.size()
        && c.modified == attrs.lastModifiedTime().toMillis()) {
      return c.snapshot;
    }
    LayoutSnapshot snapshot = parse(readCapped());
    cached = new Cached(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime().toMillis(), snapshot);
    return snapshot;
  }

  private byte[] readCapped() {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new InvalidInputException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static LayoutSnapshot parse(byte[] bytes) {
    ImageIndex index;
    try {
      index = ImageIndex.parse(Manifest.of(MediaTypes.OCI_INDEX, bytes));
    } catch (InvalidInputException e) {
      throw new InvalidInputException("layout index.json is invalid: " + e.getMessage(), e);
    }
    if (index.manifests().size() > MAX_ENTRIES) {
      throw new InvalidInputException("layout index.json has " + index.manifests().size()
          + " entries, more than the limit of " + MAX_ENTRIES);
    }
    return new LayoutSnapshot(index);
  }

  /**
   * Replaces the entries with {@code change(current entries)} atomically, holding the layout's lock; returns the
   * written snapshot. Top-level annotations are kept.
   */
  public LayoutSnapshot update(UnaryOperator<List<ImageIndex.Entry>> change) {
    ReentrantLock lock = JVM_LOCKS.computeIfAbsent(root, k -> new ReentrantLock());
    lock.lock();
    try (FileChannel lockChannel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
        FileLock ignored = lockChannel.lock()) {
      LayoutSnapshot current = read();
      List<ImageIndex.Entry> next = change.apply(new ArrayList<>(current.index().manifests()));
      if (next.size() > MAX_ENTRIES) {
        throw new InvalidInputException("layout index.json would have " + next.size()
            + " entries, more than the limit of " + MAX_ENTRIES);
      }
      ImageIndex written = ImageIndex.builder().manifests(next).annotations(current.index().annotations()).build();
      writeAtomically(written.manifest().bytes());
      return new LayoutSnapshot(written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file, e);
    } finally {
      lock.unlock();
    }
  }

  /** Writes {@code bytes} as index.json: temp file, fsync, atomic rename, directory fsync. */
  public void writeAtomically(byte[] bytes) throws IOException {
    if (bytes.length > MAX_BYTES) {
      throw new InvalidInputException("layout index.json would exceed " + (MAX_BYTES >> 20) + " MiB");
    }
    Path tmp = Files.createTempFile(root, ".index.json.tmp-", "");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
        ch.force(true);
      }
      BlobStore.moveAtomically(tmp, file);
      tmp = null;
      BlobStore.syncDirectory(root);
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Whether an index.json entry is a tag entry for {@code tag}. */
  static boolean isTag(ImageIndex.Entry e, String tag) {
    return tag.equals(e.descriptor().annotations().get(LayoutSnapshot.REF_NAME));
  }

  /** Entries without any entry for {@code digest}. */
  static List<ImageIndex.Entry> without(List<ImageIndex.Entry> entries, Digest digest) {
    List<ImageIndex.Entry> out = new ArrayList<>(entries.size());
    for (ImageIndex.Entry e : entries) {
      if (!e.descriptor().digest().equals(digest)) {
        out.add(e);
      }
    }
    return out;
  }
}
