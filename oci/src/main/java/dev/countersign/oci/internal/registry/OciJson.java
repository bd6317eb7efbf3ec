package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the descriptor and index JSON the registry client needs. */
public final class OciJson {
  private OciJson() {}

  public static Descriptor descriptor(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new InvalidInputException(where + ": descriptor is not a JSON object");
    }
    if (!node.path("mediaType").isTextual()) {
      throw new InvalidInputException(where + ": descriptor has no mediaType");
    }
    if (!node.path("digest").isTextual()) {
      throw new InvalidInputException(where + ": descriptor has no digest");
    }
    if (!node.path("size").isIntegralNumber() || !node.path("size").canConvertToLong()) {
      throw new InvalidInputException(where + ": descriptor has no integer size");
    }
    Descriptor.Builder b = Descriptor.builder().mediaType(node.get("mediaType").asText())
        .digest(Digest.parse(node.get("digest").asText())).size(node.get("size").asLong())
        .annotations(annotations(node.path("annotations"), where));
    if (node.path("artifactType").isTextual()) {
      b.artifactType(node.get("artifactType").asText());
    }
    return b.build();
  }

  public static Map<String, String> annotations(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new InvalidInputException(where + ": annotations is not a JSON object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException(where + ": annotation " + e.getKey() + " is not a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** The {@code manifests} of an index document. */
  public static List<Descriptor> manifests(JsonNode index, String where) {
    JsonNode m = index.path("manifests");
    if (m.isMissingNode() || m.isNull()) {
      return List.of();
    }
    if (!m.isArray()) {
      throw new InvalidInputException(where + ": manifests is not an array");
    }
    List<Descriptor> out = new ArrayList<>(m.size());
    for (JsonNode d : m) {
      out.add(descriptor(d, where));
    }
    return out;
  }

  public static ObjectNode descriptorNode(Descriptor d) {
    ObjectNode n = Bodies.JSON.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().toString());
    n.put("size", d.size());
    if (!d.annotations().isEmpty()) {
      ObjectNode a = n.putObject("annotations");
      new java.util.TreeMap<>(d.annotations()).forEach(a::put);
    }
    d.artifactType().ifPresent(t -> n.put("artifactType", t));
    return n;
  }

  /** A compact OCI image index of {@code manifests}. */
  public static byte[] index(List<Descriptor> manifests) {
    ObjectNode root = Bodies.JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode arr = root.putArray("manifests");
    manifests.forEach(d -> arr.add(descriptorNode(d)));
    try {
      return Bodies.JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("serialising an index failed", e);
    }
  }

  /**
   * The artifact type of a manifest as the referrers API reports it: {@code artifactType}, else the config media
   * type, or null.
   */
  public static String artifactType(JsonNode manifest) {
    if (manifest.path("artifactType").isTextual()) {
      return manifest.get("artifactType").asText();
    }
    JsonNode config = manifest.path("config").path("mediaType");
    return config.isTextual() ? config.asText() : null;
  }
}
