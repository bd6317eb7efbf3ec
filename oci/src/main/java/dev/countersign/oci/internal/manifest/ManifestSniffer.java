package dev.countersign.oci.internal.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.MediaTypes;
import java.util.regex.Pattern;

/** Media type of manifest bytes found without a descriptor (a blob addressed by digest only). */
public final class ManifestSniffer {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

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

  /** Whether {@code text} looks like a digest reference ({@code alg:hex}) rather than a tag. */
  public static boolean isDigest(String text) {
    return text.indexOf(':') > 0 && !text.contains("/");
  }
}
