package dev.countersign.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Structural mutations of JSON documents for property tests: replace any value with one of another type. */
public final class JsonMutations {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonMutations() {}

  /** Replacement values of every JSON type, including ones that look like base64 and int64 but are not. */
  public static List<JsonNode> replacements() {
    return List.of(F.textNode("x"), F.textNode(""), F.textNode("!!not base64!!"), F.textNode("AQID"),
        F.numberNode(1), F.numberNode(-1L), F.numberNode(1.5), F.numberNode(new java.math.BigInteger("1" + "0".repeat(30))),
        F.booleanNode(true), F.nullNode(), F.arrayNode(), F.arrayNode().add(1), F.objectNode(),
        F.objectNode().put("k", "v"));
  }

  /** Number of values (every node but the root) in {@code json}. */
  public static int countValues(String json) {
    return paths(read(json)).size();
  }

  /** {@code json} with its {@code index % count}-th value replaced by {@code replacement}, or removed. */
  public static String replace(String json, int index, JsonNode replacement, boolean remove) {
    JsonNode root = read(json);
    List<Object[]> paths = paths(root);
    Object[] p = paths.get(Math.floorMod(index, paths.size()));
    JsonNode parent = (JsonNode) p[0];
    if (parent instanceof ObjectNode) {
      if (remove) {
        ((ObjectNode) parent).remove((String) p[1]);
      } else {
        ((ObjectNode) parent).set((String) p[1], replacement);
      }
    } else {
      if (remove) {
        ((ArrayNode) parent).remove((Integer) p[1]);
      } else {
        ((ArrayNode) parent).set((Integer) p[1], replacement);
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<Object[]> paths(JsonNode root) {
    List<Object[]> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(JsonNode node, List<Object[]> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.add(new Object[] {node, e.getKey()});
        collect(e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Object[] {node, i});
        collect(node.get(i), out);
      }
    }
  }
}
