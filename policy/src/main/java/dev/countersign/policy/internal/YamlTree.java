package dev.countersign.policy.internal;

import dev.countersign.core.InvalidInputException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Composes one YAML (or JSON, a subset of YAML) document into SnakeYAML's node tree, bounded and strict: at most
 * {@link #MAX_BYTES}, UTF-8, one document, nesting depth 32, no anchors or aliases (no expansion bombs, no shared
 * structure), no duplicate or non-scalar mapping keys. Nothing is constructed: no tags are resolved to classes.
 */
public final class YamlTree {
  /** Largest policy document read: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  private YamlTree() {}

  /** The root node (null for an empty document); {@code what} names the document in messages. */
  public static Node compose(byte[] bytes, String what) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidInputException(what + " is empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new InvalidInputException(what + " is " + bytes.length + " bytes; at most " + MAX_BYTES + " are read");
    }
    String text = utf8(bytes, what);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(32);
    options.setCodePointLimit(MAX_BYTES);
    options.setProcessComments(false);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (RuntimeException e) {
      String msg = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
      if (msg.contains("alias") || msg.contains("anchor")) {
        throw new InvalidInputException(what + " uses YAML anchors or aliases, which are not allowed", e);
      }
      throw new InvalidInputException(what + " is not valid YAML or JSON: " + msg, e);
    }
    if (root == null) {
      throw new InvalidInputException(what + " has no document");
    }
    check(root, what, "");
    return root;
  }

  /** The 1-based line of a node, for messages. */
  public static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static void check(Node node, String what, String path) {
    if (node.getAnchor() != null) {
      throw new InvalidInputException(what + ": " + display(path) + " (line " + line(node)
          + ") uses the YAML anchor &" + node.getAnchor() + "; anchors and aliases are not allowed");
    }
    if (node instanceof SequenceNode) {
      int i = 0;
      for (Node item : ((SequenceNode) node).getValue()) {
        check(item, what, path + "[" + i++ + "]");
      }
    } else if (node instanceof MappingNode) {
      Set<String> seen = new HashSet<>();
      for (NodeTuple t : ((MappingNode) node).getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode)) {
          throw new InvalidInputException(what + ": " + display(path) + " (line " + line(t.getKeyNode())
              + ") has a key that is not a string");
        }
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        String child = path.isEmpty() ? key : path + "." + key;
        if (!seen.add(key)) {
          throw new InvalidInputException(what + ": duplicate key " + child + " (line " + line(t.getKeyNode()) + ")");
        }
        check(t.getKeyNode(), what, child);
        check(t.getValueNode(), what, child);
      }
    }
  }

  private static String display(String path) {
    return path.isEmpty() ? "the document" : path;
  }

  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(what + " is not UTF-8 text", e);
    }
  }
}
