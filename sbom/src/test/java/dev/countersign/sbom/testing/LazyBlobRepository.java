package dev.countersign.sbom.testing;

import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Repository;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A repository that serves some blobs from generators (e.g. 2 GiB of zeros produced as they are read, never
 * stored) and everything else from a delegate. Lazy blobs are not digest-checked: this is a test double for the
 * size and time bounds of the walker.
 */
public final class LazyBlobRepository implements Repository {
  private final Repository delegate;
  private final Map<Digest, Supplier<InputStream>> lazy;

  public LazyBlobRepository(Repository delegate, Map<Digest, Supplier<InputStream>> lazy) {
    this.delegate = delegate;
    this.lazy = Map.copyOf(lazy);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<Descriptor> resolve(String tagOrDigest) {
    return delegate.resolve(tagOrDigest);
  }

  @Override
  public Optional<Manifest> manifest(String tagOrDigest) {
    return delegate.manifest(tagOrDigest);
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) {
    return delegate.putManifest(manifest, tag);
  }

  @Override
  public void deleteManifest(Digest digest) {
    delegate.deleteManifest(digest);
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return lazy.containsKey(digest) || delegate.hasBlob(digest);
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) {
    Supplier<InputStream> s = lazy.get(descriptor.digest());
    return s != null ? s.get() : delegate.openBlob(descriptor);
  }

  @Override
  public Descriptor pushBlob(String mediaType, Digest digest, long size, InputStream content) {
    return delegate.pushBlob(mediaType, digest, size, content);
  }

  @Override
  public List<String> tags() {
    return delegate.tags();
  }

  @Override
  public List<Descriptor> referrers(Digest subject, String artifactTypeOrNull) {
    return delegate.referrers(subject, artifactTypeOrNull);
  }
}
