package dev.countersign.testing.servers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates a pushed manifest as distribution does: one of the four media types, well-formed JSON with
 * {@code schemaVersion} 2 and a matching {@code mediaType}, descriptors with digest and size, and every referenced
 * blob (image manifests) or child manifest (indexes) present in the repository. A {@code subject} need not exist.
 */
final class ManifestCheck {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final Set<String> TYPES = Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

  private ManifestCheck() {}

  /**
   * The stored form of {@code bytes} (whose digest is {@code digest}), or a 400 failure saying what is wrong. The
   * Content-Type is required, as distribution requires it.
   */
  static Store.StoredManifest check(String contentType, byte[] bytes, Store.Repo repo, String digest) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
    ObjectNode json = Json.object(bytes);
    if (json == null) {
      throw invalid("manifest is not a JSON object");
    }
    if (!TYPES.contains(type)) {
      throw invalid("unsupported manifest media type '" + type + "'");
    }
    if (json.path("schemaVersion").asInt(-1) != 2 || !json.path("schemaVersion").isIntegralNumber()) {
      throw invalid("schemaVersion must be 2");
    }
    JsonNode declared = json.get("mediaType");
    if (declared != null && !(declared.isTextual() && declared.asText().equals(type))) {
      throw invalid("mediaType in the manifest does not match Content-Type " + type);
    }
    boolean index = type.equals(OCI_INDEX) || type.equals(DOCKER_LIST);
    String artifactType = text(json, "artifactType");
    if (index) {
      for (JsonNode child : array(json, "manifests")) {
        String d = descriptor(child, "manifests[]");
        if (!repo.manifests.containsKey(d)) {
          throw Reply.fail(400, "MANIFEST_BLOB_UNKNOWN", "manifest " + d + " is unknown to the repository");
        }
      }
    } else {
      JsonNode config = json.get("config");
      String c = descriptor(config, "config");
      requireBlob(repo, c);
      for (JsonNode layer : array(json, "layers")) {
        if (layer.path("urls").isArray() && layer.path("urls").size() > 0) {
          descriptor(layer, "layers[]");
          continue; // a foreign layer: distribution does not require it locally
        }
        requireBlob(repo, descriptor(layer, "layers[]"));
      }
      if (artifactType == null) {
        artifactType = text(config, "mediaType");
      }
    }
    String subject = null;
    if (json.has("subject")) {
      subject = descriptor(json.get("subject"), "subject");
    }
    Map<String, String> annotations = null;
    if (json.path("annotations").isObject()) {
      annotations = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : json.path("annotations").properties()) {
        if (!e.getValue().isTextual()) {
          throw invalid("annotation values must be strings");
        }
        annotations.put(e.getKey(), e.getValue().asText());
      }
    } else if (json.has("annotations")) {
      throw invalid("annotations must be an object");
    }
    return new Store.StoredManifest(type, bytes, digest, subject, artifactType, annotations);
  }

  private static void requireBlob(Store.Repo repo, String digest) {
    if (!repo.blobs.contains(digest)) {
      throw Reply.fail(400, "MANIFEST_BLOB_UNKNOWN", "blob " + digest + " is unknown to the repository");
    }
  }

  private static Iterable<JsonNode> array(JsonNode json, String field) {
    JsonNode a = json.get(field);
    if (a == null || !a.isArray()) {
      throw invalid(field + " must be an array");
    }
    return a;
  }

  /** Validates a descriptor and returns its digest. */
  private static String descriptor(JsonNode d, String where) {
    if (d == null || !d.isObject()) {
      throw invalid(where + " must be a descriptor object");
    }
    if (!d.path("mediaType").isTextual() || !d.path("size").isIntegralNumber() || d.path("size").asLong() < 0) {
      throw invalid(where + " needs mediaType and a non-negative size");
    }
    try {
      return Names.digest(d.path("digest").asText(null)).toString();
    } catch (Reply.Failure e) {
      throw invalid(where + " has an invalid digest");
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode n = json.get(field);
    return n != null && n.isTextual() ? n.asText() : null;
  }

  private static Reply.Failure invalid(String message) {
    return Reply.fail(400, "MANIFEST_INVALID", message);
  }
}
