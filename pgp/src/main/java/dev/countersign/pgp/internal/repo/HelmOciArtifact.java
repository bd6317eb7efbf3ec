package dev.countersign.pgp.internal.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pieces of a Helm chart OCI artifact as Helm 3.8+ writes them ({@code pkg/registry} {@code Push}): the config
 * blob is {@code json.Marshal(chart.Metadata)} (Go struct member order, empty members omitted); manifest
 * annotations {@code org.opencontainers.image.description/title/version/url/created/source/authors} then the
 * chart's own annotations (never overriding title and version); the manifest is {@code json.Marshal} of an OCI
 * manifest without a {@code mediaType} member, layers sorted by digest.
 */
public final class HelmOciArtifact {
  private static final List<String> METADATA_ORDER = List.of("name", "home", "sources", "version", "description",
      "keywords", "maintainers", "icon", "apiVersion", "condition", "tags", "appVersion", "deprecated", "annotations",
      "kubeVersion", "dependencies", "type");
  private static final List<String> MAINTAINER_ORDER = List.of("name", "email", "url");
  private static final List<String> DEPENDENCY_ORDER = List.of("name", "version", "repository", "condition", "tags",
      "enabled", "import-values", "alias");

  private HelmOciArtifact() {}

  /** The config blob: the metadata JSON in Go's {@code chart.Metadata} member order. */
  public static byte[] config(ObjectNode metadata) {
    ObjectNode out = ordered(metadata, METADATA_ORDER);
    reorderList(out, "maintainers", MAINTAINER_ORDER);
    reorderList(out, "dependencies", DEPENDENCY_ORDER);
    if (out.get("annotations") instanceof ObjectNode) {
      out.set("annotations", sortedObject((ObjectNode) out.get("annotations")));
    }
    return GoJsonWriter.write(out).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode ordered(ObjectNode node, List<String> order) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String f : order) {
      JsonNode v = node.get(f);
      if (v != null && !v.isNull() && !isEmpty(v)) {
        out.set(f, v);
      }
    }
    return out;
  }

  private static boolean isEmpty(JsonNode v) {
    return (v.isTextual() && v.textValue().isEmpty()) || (v.isContainerNode() && v.isEmpty())
        || (v.isBoolean() && !v.booleanValue());
  }

  private static void reorderList(ObjectNode out, String field, List<String> order) {
    if (out.get(field) instanceof ArrayNode) {
      ArrayNode list = JsonNodeFactory.instance.arrayNode();
      out.get(field).forEach(e -> list.add(e.isObject() ? ordered((ObjectNode) e, order) : e));
      out.set(field, list);
    }
  }

  private static ObjectNode sortedObject(ObjectNode node) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    new TreeMap<String, JsonNode>(toMap(node)).forEach(out::set);
    return out;
  }

  private static Map<String, JsonNode> toMap(ObjectNode node) {
    Map<String, JsonNode> m = new TreeMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** Helm's {@code generateOCIAnnotations}; {@code created} is written as RFC 3339 seconds in UTC. */
  public static Map<String, String> annotations(ObjectNode metadata, Instant created) {
    Map<String, String> a = new TreeMap<>();
    put(a, "org.opencontainers.image.description", text(metadata, "description"));
    put(a, "org.opencontainers.image.title", text(metadata, "name"));
    put(a, "org.opencontainers.image.version", text(metadata, "version"));
    put(a, "org.opencontainers.image.url", text(metadata, "home"));
    put(a, "org.opencontainers.image.created", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        created.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
    JsonNode sources = metadata.get("sources");
    if (sources != null && sources.isArray() && sources.size() > 0) {
      put(a, "org.opencontainers.image.source", sources.get(0).asText());
    }
    JsonNode maintainers = metadata.get("maintainers");
    if (maintainers != null && maintainers.isArray() && maintainers.size() > 0) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < maintainers.size(); i++) {
        JsonNode m = maintainers.get(i);
        sb.append(text(m, "name"));
        String email = text(m, "email");
        if (!email.isEmpty()) {
          sb.append(" (").append(email).append(')');
        }
        if (i < maintainers.size() - 1) {
          sb.append(", ");
        }
      }
      put(a, "org.opencontainers.image.authors", sb.toString());
    }
    JsonNode own = metadata.get("annotations");
    if (own != null && own.isObject()) {
      own.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("org.opencontainers.image.title")
            && !e.getKey().equals("org.opencontainers.image.version")) {
          a.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    return a;
  }

  private static void put(Map<String, String> a, String key, String value) {
    if (value != null && !value.isBlank()) {
      a.put(key, value);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** One descriptor as ocispec.Descriptor marshals: mediaType, digest, size. */
  public record Blob(String mediaType, String digest, long size) {}

  /** The manifest bytes: schemaVersion, config, layers (sorted by digest), annotations (sorted). */
  public static byte[] manifest(Blob config, List<Blob> layers, Map<String, String> annotations) {
    StringBuilder out = new StringBuilder("{\"schemaVersion\":2,\"config\":");
    blob(out, config);
    out.append(",\"layers\":[");
    List<Blob> sorted = layers.stream().sorted((x, y) -> x.digest().compareTo(y.digest())).toList();
    for (int i = 0; i < sorted.size(); i++) {
      out.append(i == 0 ? "" : ",");
      blob(out, sorted.get(i));
    }
    out.append(']');
    if (!annotations.isEmpty()) {
      out.append(",\"annotations\":{");
      boolean first = true;
      for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        GoJsonWriter.string(out, e.getKey());
        out.append(':');
        GoJsonWriter.string(out, e.getValue());
      }
      out.append('}');
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void blob(StringBuilder out, Blob b) {
    out.append("{\"mediaType\":");
    GoJsonWriter.string(out, b.mediaType());
    out.append(",\"digest\":");
    GoJsonWriter.string(out, b.digest());
    out.append(",\"size\":").append(b.size()).append('}');
  }
}
