package dev.countersign.policy.internal;

import dev.countersign.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed, path-naming access to a policy document's nodes; every error names the file, the field and its line. */
final class PolicyNodes {
  private final String what;

  PolicyNodes(String what) {
    this.what = what;
  }

  /** The members of a mapping, refusing any key not in {@code allowed}; null or YAML null gives an empty map. */
  Map<String, Node> fields(Node node, String path, List<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode)) {
      throw error(path, node, "must be a mapping, got " + kind(node));
    }
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      String child = path.isEmpty() ? key : path + "." + key;
      if (!allowed.contains(key)) {
        throw error(child, t.getKeyNode(), "is not a known field (allowed " + (path.isEmpty() ? "at the top level"
            : "in " + path) + ": " + String.join(", ", allowed) + ")");
      }
      out.put(key, t.getValueNode());
    }
    return out;
  }

  /** A scalar's text; null when the node is absent or YAML null and not required. */
  String string(Node node, String path, boolean required) {
    if (isNull(node)) {
      if (required) {
        throw new InvalidInputException(what + ": " + path + " is missing");
      }
      return null;
    }
    if (!(node instanceof ScalarNode)) {
      throw error(path, node, "must be a string, got " + kind(node));
    }
    return ((ScalarNode) node).getValue();
  }

  /** A list of scalars (absent or null = empty). */
  List<String> strings(Node node, String path) {
    List<String> out = new ArrayList<>();
    if (isNull(node)) {
      return out;
    }
    if (!(node instanceof SequenceNode)) {
      throw error(path, node, "must be a list, got " + kind(node));
    }
    int i = 0;
    for (Node item : ((SequenceNode) node).getValue()) {
      String s = string(item, path + "[" + i + "]", true);
      if (s.isBlank()) {
        throw error(path + "[" + i + "]", item, "is empty");
      }
      out.add(s);
      i++;
    }
    return out;
  }

  /** A list of mappings (absent or null = empty). */
  List<Node> list(Node node, String path) {
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode)) {
      throw error(path, node, "must be a list, got " + kind(node));
    }
    return ((SequenceNode) node).getValue();
  }

  /** A mapping of names to scalars. */
  Map<String, String> stringMap(Node node, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode)) {
      throw error(path, node, "must be a mapping, got " + kind(node));
    }
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      out.put(key, string(t.getValueNode(), path + "." + key, true));
    }
    return out;
  }

  /** Runs {@code step}, prefixing an InvalidInputException it throws with the file, field path and line. */
  <T> T at(String path, Node node, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + ": " + path + " (line " + YamlTree.line(node) + "): "
          + e.getMessage(), e);
    }
  }

  InvalidInputException error(String path, Node node, String message) {
    return new InvalidInputException(what + ": " + (path.isEmpty() ? "the document" : path) + " (line " + YamlTree.line(node) + ") " + message);
  }

  private static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return node instanceof SequenceNode ? "a list" : "a scalar";
  }
}
