package dev.countersign.oci.internal.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.MediaTypes;
import java.util.regex.Pattern;

/** Media type of manifest bytes found without a descriptor (a blob addressed by digest only). */
public final class ManifestSniffer {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final String COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
  /** The image-layout spec's grammar of {@code org.opencontainers.image.ref.name} values. */
  private static final Pattern REF_NAME = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern DIGEST_PREFIX = Pattern.compile("(?i)(sha256|sha384|sha512):.*", Pattern.DOTALL);

  private ManifestSniffer() {}

  /** The declared {@code mediaType}, else OCI index when it has {@code manifests}, else OCI manifest. */
  public static String mediaType(byte[] bytes, String what) {
    JsonNode root = OciJson.parseObject(bytes, what);
    String declared = OciJson.string(root, "mediaType", "mediaType", false);
    if (declared != null) {
      if (!MediaTypes.isIndex(declared) && !MediaTypes.isImageManifest(declared)) {
        throw new InvalidInputException(what + " has media type " + DescriptorJson.abbreviate(declared)
            + ", which is not a manifest type");
      }
      return declared;
    }
    if (OciJson.member(root, "manifests") != null) {
      return MediaTypes.OCI_INDEX;
    }
    if (OciJson.member(root, "config") != null) {
      return MediaTypes.OCI_MANIFEST;
    }
    throw new InvalidInputException(what + " is neither an image manifest nor an index");
  }

  /** Throws unless {@code tag} is an OCI tag: {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}. */
  public static String checkTag(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new InvalidInputException("invalid tag '" + (tag == null ? "null" : DescriptorJson.abbreviate(tag))
          + "': a tag is 1-128 characters of [A-Za-z0-9_.-] and does not start with '.' or '-'");
    }
    return tag;
  }

  /**
   * Whether {@code text} is meant as a digest: it starts with {@code sha256:}, {@code sha384:} or {@code sha512:}
   * (then {@link dev.countersign.core.Digest#parse} decides whether it is a valid one).
   */
  public static boolean isDigest(String text) {
    return DIGEST_PREFIX.matcher(text).matches();
  }

  /**
   * Throws unless {@code name} is an OCI tag or a ref.name as the image-layout spec defines it (components of
   * alphanumerics joined by {@code - . _ : @ +} or {@code --}, separated by {@code /}): no {@code ..}, no leading
   * {@code /}, no control characters.
   */
  public static String checkRefName(String name) {
    if (name == null || name.length() > 512 || !(TAG.matcher(name).matches() || REF_NAME.matcher(name).matches())) {
      throw new InvalidInputException("invalid tag or reference name '" + (name == null ? "null"
          : DescriptorJson.abbreviate(name.replaceAll("\\p{Cntrl}", "?"))) + "'");
    }
    return name;
  }
}
