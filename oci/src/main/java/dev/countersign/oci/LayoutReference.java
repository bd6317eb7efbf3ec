package dev.countersign.oci;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.manifest.ManifestSniffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to an image in an OCI layout, written {@code oci:PATH[:REF]} as skopeo and containers/image write
 * it on Linux: the path is everything up to the first {@code ':'}, the rest is the image's
 * {@code org.opencontainers.image.ref.name} (a tag such as {@code v1}, or a name such as
 * {@code example.com/app:v1}); an empty or missing REF names no image. Our extension {@code oci:PATH@sha256:<hex>}
 * names a manifest by digest. A path therefore never contains {@code ':'}; paths with {@code ..} segments, NUL or
 * control characters are refused, as are references outside the image-layout ref.name grammar and
 * containers/image's source-index form {@code oci:PATH:@N}. Immutable.
 */
public final class LayoutReference {
  /** The transport prefix. */
  public static final String PREFIX = "oci:";

  private final Path path;
  private final String tag;
  private final Digest digest;

  private LayoutReference(Path path, String tag, Digest digest) {
    this.path = path;
    this.tag = tag;
    this.digest = digest;
  }

  /** Parses {@code oci:PATH[:REF]} or {@code oci:PATH@DIGEST}. */
  public static LayoutReference parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new InvalidInputException("an OCI layout reference starts with 'oci:', e.g. oci:/tmp/layout:v1");
    }
    String rest = text.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String path = colon < 0 ? rest : rest.substring(0, colon);
    int at = path.lastIndexOf('@');
    if (at >= 0 && ManifestSniffer.isDigest(rest.substring(at + 1))) {
      return new LayoutReference(checkPath(rest.substring(0, at)), null, parseDigest(rest.substring(at + 1)));
    }
    String ref = colon < 0 ? "" : rest.substring(colon + 1);
    if (ref.startsWith("@")) {
      throw new InvalidInputException("source-index references (oci:PATH:@N) are not supported; name the image"
          + " by its ref.name (oci:PATH:REF) or by digest (oci:PATH@sha256:<hex>)");
    }
    return new LayoutReference(checkPath(path), ref.isEmpty() ? null : ManifestSniffer.checkRefName(ref), null);
  }

  /** A reference to the ref.name {@code tag} (may be null: no image) in the layout at {@code path}. */
  public static LayoutReference of(Path path, String tag) {
    return new LayoutReference(checkPath(path.toString()), tag == null ? null : ManifestSniffer.checkRefName(tag),
        null);
  }

  /** A reference to the manifest {@code digest} in the layout at {@code path}. */
  public static LayoutReference of(Path path, Digest digest) {
    return new LayoutReference(checkPath(path.toString()), null, Objects.requireNonNull(digest, "digest"));
  }

  /** The layout directory as written. */
  public Path path() {
    return path;
  }

  /** The ref.name (usually a tag), when the reference names one. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** The tag or digest as a {@link Repository} reference, or empty when the reference names only the layout. */
  public Optional<String> tagOrDigest() {
    return digest != null ? Optional.of(digest.toString()) : Optional.ofNullable(tag);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayoutReference && path.equals(((LayoutReference) o).path)
        && Objects.equals(tag, ((LayoutReference) o).tag) && Objects.equals(digest, ((LayoutReference) o).digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, tag, digest);
  }

  /** {@code oci:PATH[:REF]} or {@code oci:PATH@DIGEST}. */
  @Override
  public String toString() {
    return PREFIX + path + (digest != null ? "@" + digest : tag != null ? ":" + tag : "");
  }

  private static Digest parseDigest(String text) {
    try {
      return Digest.parse(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("invalid digest in OCI layout reference: " + e.getMessage(), e);
    }
  }

  private static Path checkPath(String p) {
    if (p.isEmpty()) {
      throw new InvalidInputException("OCI layout reference has an empty path");
    }
    if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidInputException("OCI layout path contains control characters");
    }
    if (p.indexOf(':') >= 0) {
      throw new InvalidInputException("OCI layout path must not contain ':' (oci:PATH:REF ends the path at the"
          + " first ':'): " + abbreviate(p));
    }
    for (String segment : p.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw new InvalidInputException("OCI layout path must not contain '..' segments: " + abbreviate(p));
      }
    }
    try {
      return Path.of(p);
    } catch (RuntimeException e) {
      throw new InvalidInputException("invalid OCI layout path: " + abbreviate(p), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
