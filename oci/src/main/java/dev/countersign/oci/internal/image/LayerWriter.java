package dev.countersign.oci.internal.image;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one layer to a temp file in a single pass, computing the diff_id (SHA-256 of the uncompressed tar) and
 * the blob digest and size (of the gzip stream, or of the tar when uncompressed) on the way. Entries are written
 * in the order given (callers sort them).
 */
public final class LayerWriter {
  private LayerWriter() {}

  /** A written layer: temp file, blob digest and size, diff_id. The caller deletes the file. */
  public static final class Result {
    public final Path file;
    public final Digest digest;
    public final long size;
    public final Digest diffId;

    Result(Path file, Digest digest, long size, Digest diffId) {
      this.file = file;
      this.digest = digest;
      this.size = size;
      this.diffId = diffId;
    }
  }

  /** Writes {@code entries} as a tar (gzipped when {@code gzip}) into a new temp file in {@code tempDir}. */
  public static Result write(Collection<LayerEntry> entries, long mtime, boolean gzip, Path tempDir) {
    Path tmp = null;
    try {
      tmp = tempDir == null ? Files.createTempFile("countersign-layer-", ".tar")
          : Files.createTempFile(tempDir, "countersign-layer-", ".tar");
      HashingStream blob = new HashingStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
      HashingStream tar;
      try (OutputStream closeAll = blob) {
        GZIPOutputStream gz = gzip ? new GZIPOutputStream(blob, 1 << 16) : null;
        tar = new HashingStream(gz != null ? gz : blob);
        TarWriter w = new TarWriter(tar, mtime);
        for (LayerEntry e : entries) {
          writeEntry(w, e);
        }
        w.finish();
        if (gz != null) {
          gz.close();
        }
      }
      Result r = new Result(tmp, blob.digest(), blob.count, tar.digest());
      tmp = null;
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write image layer", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is what matters
        }
      }
    }
  }

  private static void writeEntry(TarWriter w, LayerEntry e) throws IOException {
    switch (e.type()) {
      case DIRECTORY:
        w.directory(e.path(), e.mode());
        break;
      case SYMLINK:
        w.symlink(e.path(), e.linkTarget());
        break;
      default:
        if (e.content() != null) {
          w.file(e.path(), e.mode(), e.content().length, new ByteArrayInputStream(e.content()));
        } else {
          long size;
          try {
            size = Files.size(e.source());
          } catch (IOException ex) {
            throw new InvalidInputException("cannot read " + e.source() + ": " + ex.getMessage(), ex);
          }
          try (InputStream in = Files.newInputStream(e.source())) {
            w.file(e.path(), e.mode(), size, in);
          }
        }
    }
  }

  /** Counts and hashes (SHA-256) what passes through. */
  private static final class HashingStream extends FilterOutputStream {
    private final MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
    long count;

    HashingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      md.update((byte) b);
      count++;
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      md.update(b, off, len);
      count += len;
      out.write(b, off, len);
    }

    Digest digest() {
      return Digest.of(DigestAlgorithm.SHA256, md.digest());
    }
  }
}
