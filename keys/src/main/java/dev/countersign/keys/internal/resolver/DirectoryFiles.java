package dev.countersign.keys.internal.resolver;

import dev.countersign.core.InvalidInputException;
import dev.countersign.keys.KeyManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A published key directory on this machine (what {@code keys publish --dir} writes and a CDN serves): reads
 * {@code keys.json} and {@code N.keys.json} from it, bounded to {@link KeyManifest#MAX_BYTES}. A missing file is a
 * failure ({@code not-found}), never a reason to fall back to the cache: the directory is not a network.
 */
public final class DirectoryFiles implements ManifestFiles {
  private static final Pattern NAME = Pattern.compile("(keys|[1-9][0-9]{0,8}\\.keys)\\.json");

  private final Path dir;
  private final AtomicLong reads = new AtomicLong();

  public DirectoryFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("key manifest directory " + dir + " is not a directory");
    }
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public FetchResult get(String name, String etag) {
    if (!NAME.matcher(name).matches()) {
      return FetchResult.failed("not-found", name + ": not a manifest file name");
    }
    return read(name, KeyManifest.MAX_BYTES);
  }

  @Override
  public FetchResult getFile(String name, int maxBytes) {
    if (!ManifestFiles.isPlainName(name)) {
      return FetchResult.failed("file-name", name + ": not a plain file name");
    }
    return read(name, maxBytes);
  }

  private FetchResult read(String name, int maxBytes) {
    Path file = dir.resolve(name);
    reads.incrementAndGet();
    if (!Files.isRegularFile(file)) {
      return FetchResult.failed("not-found", file + ": no such file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        return FetchResult.failed("size", file + ": larger than " + maxBytes + " bytes");
      }
      return FetchResult.ok(bytes);
    } catch (NoSuchFileException e) {
      return FetchResult.failed("not-found", file + ": no such file");
    } catch (IOException e) {
      return FetchResult.failed("unreadable", file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @Override
  public String location(String name) {
    return dir.resolve(name).toString();
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public long requests() {
    return reads.get();
  }
}
