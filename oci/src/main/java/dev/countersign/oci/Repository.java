package dev.countersign.oci;

import dev.countersign.core.Digest;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * One repository of content-addressed manifests and blobs with tags: a repository in a registry, or an OCI image
 * layout on disk. Signing, verification and copy are written against this interface only. Every manifest and
 * blob read is checked against its digest before it is returned (blobs as they stream: a mismatch fails the read
 * at its end). Implementations are thread-safe.
 */
public interface Repository {
  /** A human-readable name, e.g. {@code 127.0.0.1:5000/app} or {@code oci:/tmp/layout}. */
  String name();

  /** The descriptor a tag or digest reference resolves to, or empty when it does not exist. */
  Optional<Descriptor> resolve(String tagOrDigest);

  /** The manifest a tag or digest names, or empty when it does not exist. */
  Optional<Manifest> manifest(String tagOrDigest);

  /** Stores a manifest by digest and, when {@code tag} is non-null, tags it. Returns its descriptor. */
  Descriptor putManifest(Manifest manifest, String tag);

  /** Deletes the manifest a digest names (and, for a layout, the tags pointing at it). */
  void deleteManifest(Digest digest);

  /** Whether a blob exists. */
  boolean hasBlob(Digest digest);

  /** Opens a blob; the stream fails with an exception when the content does not match the digest or size. */
  InputStream openBlob(Descriptor descriptor);

  /** Uploads {@code size} bytes with {@code digest}, streaming; a no-op when the blob already exists. */
  Descriptor pushBlob(String mediaType, Digest digest, long size, InputStream content);

  /** Uploads small content held in memory (configs, payloads). */
  default Descriptor pushBlob(String mediaType, byte[] content) {
    Digest d = Digest.compute(dev.countersign.core.DigestAlgorithm.SHA256, content);
    return pushBlob(mediaType, d, content.length, new java.io.ByteArrayInputStream(content));
  }

  /** All tags, sorted. */
  List<String> tags();

  /**
   * Manifests whose {@code subject} is {@code subject}, optionally only those of one artifact type: the referrers
   * API where the store has it, else the {@code sha256-<hex>} fallback index tag.
   */
  List<Descriptor> referrers(Digest subject, String artifactTypeOrNull);
}
