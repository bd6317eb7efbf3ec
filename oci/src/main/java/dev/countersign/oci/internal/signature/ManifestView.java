package dev.countersign.oci.internal.signature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an OCI/Docker image manifest or index that signing and verification read: config, layers,
 * subject, artifact type, annotations and (for an index) child manifests. Untrusted input: every field is type
 * checked and a malformed descriptor is an {@link InvalidInputException}.
 */
public record ManifestView(String mediaType, String artifactType, Descriptor config, List<Descriptor> layers,
    Descriptor subject, Map<String, String> annotations, List<Descriptor> manifests) {

  /** Parses {@code m}'s bytes; the media type is the JSON's {@code mediaType}, else the manifest's. */
  public static ManifestView parse(Manifest m) {
    JsonNode root = Json.parseObject(m.bytes(), Manifest.MAX_BYTES, "manifest " + m.digest());
    String mt = optText(root, "mediaType", "manifest");
    String mediaType = mt != null ? mt : m.mediaType();
    String artifactType = optText(root, "artifactType", "manifest");
    Descriptor config = root.hasNonNull("config") ? descriptor(root.get("config"), "config") : null;
    List<Descriptor> layers = list(root, "layers");
    List<Descriptor> manifests = list(root, "manifests");
    Descriptor subject = root.hasNonNull("subject") ? descriptor(root.get("subject"), "subject") : null;
    Map<String, String> annotations = strings(root.get("annotations"), "manifest annotations");
    return new ManifestView(mediaType, artifactType, config, layers, subject, annotations, manifests);
  }

  /** The artifact type a referrer has: {@code artifactType}, else its config's media type (image-spec rule). */
  public String effectiveArtifactType() {
    if (artifactType != null) {
      return artifactType;
    }
    return config == null ? null : config.mediaType();
  }

  private static List<Descriptor> list(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new InvalidInputException("manifest '" + field + "' must be an array, got " + Json.kind(n));
    }
    List<Descriptor> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(descriptor(n.get(i), field + "[" + i + "]"));
    }
    return Collections.unmodifiableList(out);
  }

  /** Parses one descriptor object; {@code where} names it in messages. */
  public static Descriptor descriptor(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new InvalidInputException("manifest " + where + " must be an object, got " + Json.kind(n));
    }
    String mediaType = optText(n, "mediaType", where);
    if (mediaType == null || mediaType.isEmpty()) {
      throw new InvalidInputException("manifest " + where + " has no mediaType");
    }
    Digest digest;
    try {
      digest = Digest.parse(optText(n, "digest", where));
    } catch (InvalidInputException e) {
      throw new InvalidInputException("manifest " + where + ".digest: " + e.getMessage(), e);
    }
    JsonNode size = n.get("size");
    if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
      throw new InvalidInputException("manifest " + where + ".size must be a non-negative integer, got "
          + (size == null ? "nothing" : abbreviate(size.toString())));
    }
    return Descriptor.builder().mediaType(mediaType).digest(digest).size(size.longValue())
        .annotations(strings(n.get("annotations"), where + ".annotations"))
        .artifactType(optText(n, "artifactType", where)).build();
  }

  private static Map<String, String> strings(JsonNode n, String where) {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new InvalidInputException(where + " must be an object, got " + Json.kind(n));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException(where + " '" + abbreviate(e.getKey()) + "' must be a string, got "
            + Json.kind(e.getValue()));
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return Collections.unmodifiableMap(out);
  }

  private static String optText(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException("manifest " + where + "." + field + " must be a string, got " + Json.kind(v));
    }
    return v.textValue();
  }

  static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
