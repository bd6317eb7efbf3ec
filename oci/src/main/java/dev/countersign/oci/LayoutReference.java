package dev.countersign.oci;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.manifest.ManifestSniffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to an image in an OCI layout, written {@code oci:PATH[:TAG|@DIGEST]}. The tag or digest is
 * separated by the last {@code ':'} (or {@code '@'}) after the last {@code '/'}, so a directory name may contain
 * {@code ':'} ({@code oci:/mnt/c:d/layout:v1}). Paths with {@code ..} segments, NUL or control characters are
 * refused, as are tags that are not OCI tags. Immutable.
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

  /** Parses {@code oci:PATH[:TAG|@DIGEST]}. */
  public static LayoutReference parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new InvalidInputException("an OCI layout reference starts with 'oci:', e.g. oci:/tmp/layout:v1");
    }
    String rest = text.substring(PREFIX.length());
    int slash = rest.lastIndexOf('/');
    int at = rest.indexOf('@', slash + 1);
    if (at >= 0) {
      return new LayoutReference(checkPath(rest.substring(0, at)), null, parseDigest(rest.substring(at + 1)));
    }
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      return new LayoutReference(checkPath(rest.substring(0, colon)), ManifestSniffer.checkTag(
          rest.substring(colon + 1)), null);
    }
    return new LayoutReference(checkPath(rest), null, null);
  }

  /** A reference to the tag {@code tag} (may be null: no tag) in the layout at {@code path}. */
  public static LayoutReference of(Path path, String tag) {
    return new LayoutReference(checkPath(path.toString()), tag == null ? null : ManifestSniffer.checkTag(tag),
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

  /** {@code oci:PATH[:TAG|@DIGEST]}. */
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
