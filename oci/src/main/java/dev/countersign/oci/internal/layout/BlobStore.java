package dev.countersign.oci.internal.layout;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.internal.io.VerifyingInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The {@code blobs/<alg>/<hex>} store of a layout. Paths come only from parsed digests (so no name can traverse),
 * and every path is checked to stay inside the layout after symbolic links are followed. Writes go to a temp file
 * in the same directory, hashed as they stream, fsynced and renamed into place only when digest and size match.
 */
public final class BlobStore {
  private static final int BUFFER = 1 << 16;
  private final Path root;

  /** A store under {@code realRoot}, which must be a real (symlink-free, absolute) path. */
  public BlobStore(Path realRoot) {
    this.root = realRoot;
  }

  /** The path of a blob; it may not exist. */
  public Path path(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm().ociName()).resolve(digest.hex());
  }

  /** Whether the blob exists as a regular file inside the layout. */
  public boolean has(Digest digest) {
    Path p = path(digest);
    if (!Files.exists(p)) {
      return false;
    }
    checkInside(p);
    return Files.isRegularFile(p);
  }

  /** Size of an existing blob, or -1. */
  public long size(Digest digest) {
    if (!has(digest)) {
      return -1;
    }
    try {
      return Files.size(path(digest));
    } catch (IOException e) {
      return -1;
    }
  }

  /** Opens a blob that verifies digest and size as it is read. */
  public InputStream open(Descriptor d) {
    Path p = path(d.digest());
    if (!has(d.digest())) {
      throw new InvalidInputException("blob " + d.digest() + " is not in layout " + root);
    }
    try {
      long actual = Files.size(p);
      if (actual != d.size()) {
        throw new InvalidInputException("blob " + d.digest() + " in layout " + root + " has " + actual
            + " bytes, expected " + d.size());
      }
      return new VerifyingInputStream(Files.newInputStream(p), d.digest(), d.size(), "blob " + d.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + d.digest() + " in " + root, e);
    }
  }

  /** Reads a small verified blob of at most {@code max} bytes into memory. */
  public byte[] read(Descriptor d, int max) {
    if (d.size() > max) {
      throw new InvalidInputException("blob " + d.digest() + " of " + d.size() + " bytes exceeds the limit of "
          + max + " bytes");
    }
    try (InputStream in = open(d)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) d.size());
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + d.digest() + " in " + root, e);
    }
  }

  /** Stores {@code size} bytes of {@code content} as {@code digest}; a no-op when a blob of that size exists. */
  public void write(Digest digest, long size, InputStream content) {
    if (size < 0) {
      throw new InvalidInputException("blob size is negative: " + size);
    }
    if (size(digest) == size) {
      return;
    }
    Path dir = path(digest).getParent();
    Path tmp = null;
    try {
      for (Path existing : new Path[] {dir.getParent(), dir}) {
        if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
          checkInside(existing);
        }
      }
      Files.createDirectories(dir);
      checkInside(dir);
      tmp = Files.createTempFile(dir, ".tmp-", "");
      MessageDigest md = digest.algorithm().newMessageDigest();
      long count = 0;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        byte[] buf = new byte[BUFFER];
        for (int n; (n = content.read(buf)) != -1; ) {
          count += n;
          if (count > size) {
            throw new InvalidInputException("blob " + digest + " is larger than its declared size of " + size
                + " bytes");
          }
          md.update(buf, 0, n);
          ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
          while (bb.hasRemaining()) {
            ch.write(bb);
          }
        }
        if (count != size) {
          throw new InvalidInputException("blob " + digest + " has " + count + " bytes, expected " + size);
        }
        Digest actual = Digest.of(digest.algorithm(), md.digest());
        if (!actual.matches(digest)) {
          throw new InvalidInputException("blob content does not match its digest: expected " + digest + ", got "
              + actual);
        }
        ch.force(true);
      }
      moveAtomically(tmp, path(digest));
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write blob " + digest + " into " + root, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the failure being reported matters more than a leftover temp file
        }
      }
    }
  }

  /** Deletes a blob; returns whether it existed. */
  public boolean delete(Digest digest) {
    Path p = path(digest);
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      checkInside(p.getParent());
    }
    try {
      return Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete blob " + digest + " in " + root, e);
    }
  }

  /** Throws when {@code p}, with symbolic links followed, is outside the layout's blobs directory. */
  public void checkInside(Path p) {
    Path real;
    try {
      real = p.toRealPath();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(p + " is a dangling symbolic link in layout " + root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + p, e);
    }
    if (!real.startsWith(root.resolve("blobs"))) {
      throw new InvalidInputException(root.relativize(p) + " resolves to " + real + ", outside the layout's "
          + "blobs directory (a symbolic link escapes layout " + root + ")");
    }
  }

  /** Renames {@code from} onto {@code to} atomically, replacing it. */
  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("file system of " + to + " cannot rename atomically", e);
    }
  }

  /** Fsyncs a directory so a rename survives a crash; not every platform allows it. */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort: Windows cannot open directories
    }
  }
}
