package dev.countersign.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.layout.BlobStore;
import dev.countersign.oci.internal.layout.LayoutIndex;
import dev.countersign.oci.internal.layout.LayoutSnapshot;
import dev.countersign.oci.internal.layout.ReferrerScan;
import dev.countersign.oci.internal.manifest.ManifestSniffer;
import dev.countersign.oci.internal.manifest.OciJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}) as a
 * {@link Repository}. A tag is an index.json entry annotated {@value #REF_NAME}, as skopeo, umoci and oras write
 * it (an OCI tag or any ref.name of the image-layout grammar, such as {@code example.com/app:v1}); manifests stored without a tag are listed without that annotation so they stay reachable. Blobs are written
 * atomically and verified against digest and size on the way in and out; index.json updates are atomic and
 * serialised across threads and processes. Referrers are manifests in the layout whose {@code subject} matches,
 * plus those listed by a {@code sha256-<hex>} fallback index tag. Thread-safe.
 */
public final class OciLayout implements Repository {
  /** The index.json annotation holding a tag. */
  public static final String REF_NAME = LayoutSnapshot.REF_NAME;
  private static final byte[] LAYOUT_FILE = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private final Path path;
  private final BlobStore blobs;
  private final LayoutIndex index;
  private final ReferrerScan scan;

  private OciLayout(Path path, Path realRoot) {
    this.path = path;
    this.blobs = new BlobStore(realRoot);
    this.index = new LayoutIndex(realRoot);
    this.scan = new ReferrerScan(this::readManifest);
  }

  /** Opens an existing layout; throws {@link InvalidInputException} when {@code dir} is not one. */
  public static OciLayout open(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new InvalidInputException("OCI layout " + abs + " does not exist or is not a directory");
    }
    Path real = realPath(abs);
    checkLayoutFile(real.resolve("oci-layout"));
    OciLayout layout = new OciLayout(abs, real);
    layout.index.read();
    return layout;
  }

  /**
   * Opens the layout at {@code dir}, creating the directory and an empty layout when absent. A non-empty directory
   * that is not a layout is refused rather than written into.
   */
  public static OciLayout create(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(abs) && !Files.exists(abs.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS)) {
        try (java.util.stream.Stream<Path> entries = Files.list(abs)) {
          if (entries.findAny().isPresent()) {
            throw new InvalidInputException(abs + " is a non-empty directory without an oci-layout file; "
                + "refusing to turn it into an OCI layout");
          }
        }
      }
      Files.createDirectories(abs);
      Path real = realPath(abs);
      if (!Files.exists(real.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS)) {
        Files.write(real.resolve("oci-layout"), LAYOUT_FILE);
      }
      Files.createDirectories(real.resolve("blobs").resolve("sha256"));
      if (!Files.exists(real.resolve("index.json"), LinkOption.NOFOLLOW_LINKS)) {
        new LayoutIndex(real).writeAtomically(ImageIndex.builder().build().manifest().bytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create OCI layout " + abs, e);
    }
    return open(abs);
  }

  /** The layout directory (absolute). */
  public Path path() {
    return path;
  }

  @Override
  public String name() {
    return "oci:" + path;
  }

  @Override
  public Optional<Descriptor> resolve(String tagOrDigest) {
    if (tagOrDigest == null) {
      throw new InvalidInputException("tag or digest is missing");
    }
    LayoutSnapshot snapshot = index.read();
    if (ManifestSniffer.isDigest(tagOrDigest)) {
      Digest digest = Digest.parse(tagOrDigest);
      Optional<ImageIndex.Entry> entry = snapshot.entry(digest);
      if (entry.isPresent()) {
        return Optional.of(plain(entry.get().descriptor()));
      }
      long size = blobs.size(digest);
      if (size < 0) {
        return Optional.empty();
      }
      byte[] bytes = blobs.read(Descriptor.of(MediaTypes.OCI_MANIFEST, digest, size), Manifest.MAX_BYTES);
      return Optional.of(Descriptor.of(ManifestSniffer.mediaType(bytes, "manifest " + digest), digest, size));
    }
    return snapshot.tagged(ManifestSniffer.checkRefName(tagOrDigest)).map(e -> plain(e.descriptor()));
  }

  @Override
  public Optional<Manifest> manifest(String tagOrDigest) {
    return resolve(tagOrDigest).map(this::readManifest);
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) {
    if (tag != null && (ManifestSniffer.isDigest(ManifestSniffer.checkRefName(tag)))) {
      throw new InvalidInputException("a layout tag must not look like a digest: " + tag);
    }
    Descriptor d = manifest.descriptor();
    blobs.write(d.digest(), d.size(), new ByteArrayInputStream(manifest.bytes()));
    if (tag == null && index.read().entry(d.digest()).isPresent()) {
      return d;
    }
    index.update(entries -> {
      List<ImageIndex.Entry> out = new ArrayList<>(entries.size() + 1);
      for (ImageIndex.Entry e : entries) {
        String ref = e.descriptor().annotations().get(REF_NAME);
        boolean replaced = tag != null && (tag.equals(ref) || (ref == null && e.descriptor().digest().equals(
            d.digest())));
        if (!replaced) {
          out.add(e);
        }
      }
      if (tag != null) {
        out.add(new ImageIndex.Entry(d.toBuilder().annotations(Map.of(REF_NAME, tag)).build(), null));
      } else if (out.stream().noneMatch(e -> e.descriptor().digest().equals(d.digest()))) {
        out.add(new ImageIndex.Entry(d, null));
      }
      return out;
    });
    return d;
  }

  @Override
  public void deleteManifest(Digest digest) {
    boolean listed = index.read().entry(digest).isPresent();
    if (listed) {
      index.update(entries -> {
        entries.removeIf(e -> e.descriptor().digest().equals(digest));
        return entries;
      });
    }
    boolean deleted = blobs.delete(digest);
    scan.forget(digest);
    if (!listed && !deleted) {
      throw new InvalidInputException("manifest " + digest + " is not in " + name());
    }
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return blobs.has(digest);
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) {
    return blobs.open(descriptor);
  }

  @Override
  public Descriptor pushBlob(String mediaType, Digest digest, long size, InputStream content) {
    blobs.write(digest, size, content);
    return Descriptor.of(mediaType, digest, size);
  }

  @Override
  public List<String> tags() {
    return index.read().tags();
  }

  @Override
  public List<Descriptor> referrers(Digest subject, String artifactTypeOrNull) {
    LayoutSnapshot snapshot = index.read();
    List<Descriptor> candidates = new ArrayList<>();
    snapshot.distinctEntries().forEach(e -> candidates.add(e.descriptor()));
    ImageIndex fallback = snapshot.tagged(Referrers.fallbackTag(subject))
        .filter(e -> MediaTypes.isIndex(e.descriptor().mediaType()))
        .map(e -> ImageIndex.parse(readManifest(e.descriptor()))).orElse(null);
    return scan.referrers(subject, artifactTypeOrNull, candidates, fallback);
  }

  @Override
  public String toString() {
    return name();
  }

  private Manifest readManifest(Descriptor d) {
    return Manifest.verified(d.mediaType(), blobs.read(d, Manifest.MAX_BYTES), d.digest());
  }

  private static Descriptor plain(Descriptor d) {
    return Descriptor.builder().mediaType(d.mediaType()).digest(d.digest()).size(d.size())
        .artifactType(d.artifactType().orElse(null)).build();
  }

  private static Path realPath(Path abs) {
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve OCI layout path " + abs, e);
    }
  }

  private static void checkLayoutFile(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException(file.getParent() + " is not an OCI layout: no oci-layout file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(4097);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (bytes.length > 4096) {
      throw new InvalidInputException(file + " is larger than 4 KiB");
    }
    JsonNode root = OciJson.parseObject(bytes, file.toString());
    String version = OciJson.string(root, "imageLayoutVersion", "imageLayoutVersion", true);
    if (!version.matches("1\\.[0-9]+\\.[0-9]+")) {
      throw new InvalidInputException(file + " has unsupported imageLayoutVersion " + version);
    }
  }
}
