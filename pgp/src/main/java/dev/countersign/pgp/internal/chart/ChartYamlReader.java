package dev.countersign.pgp.internal.chart;

import dev.countersign.core.InvalidInputException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML into the values go-yaml v2 gives for {@code interface{}}: maps (keys in document order), lists,
 * strings, {@link Boolean}, {@link Long}, {@link BigInteger}, {@link Double} and null. Plain scalars are typed by
 * go-yaml's rules ({@link GoResolve}), so {@code yes} is a bool and {@code 1.0} a float as in Helm; quoted and block
 * scalars are strings. SnakeYAML (the parser under Jackson YAML) builds the node tree with aliases of collections
 * refused and size and depth bounded; any anchor or alias is refused outright (no expansion bombs).
 */
public final class ChartYamlReader {
  /** Largest YAML document read, in bytes. */
  public static final int MAX_BYTES = 1 << 20;

  private ChartYamlReader() {}

  /** The document's value; {@code what} names it in error messages (e.g. {@code Chart.yaml}). */
  public static Object read(byte[] yaml, String what) {
    if (yaml.length > MAX_BYTES) {
      throw new InvalidInputException(what + " is " + yaml.length + " bytes; at most " + MAX_BYTES + " are read");
    }
    String text = utf8(yaml, what);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(64);
    options.setCodePointLimit(MAX_BYTES);
    options.setProcessComments(false);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (RuntimeException e) {
      String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      if (msg.contains("aliases") || msg.contains("anchor")) {
        throw new InvalidInputException(what + " uses YAML anchors or aliases, which are not allowed", e);
      }
      throw new InvalidInputException(what + " is not valid YAML: " + msg, e);
    }
    return root == null ? null : value(root, what);
  }

  private static Object value(Node node, String what) {
    if (node.getAnchor() != null) {
      throw new InvalidInputException(what + " uses YAML anchors or aliases (&" + node.getAnchor()
          + "), which are not allowed");
    }
    if (node instanceof ScalarNode s) {
      return s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? GoResolve.decode(s.getValue()) : s.getValue();
    }
    if (node instanceof SequenceNode seq) {
      List<Object> list = new ArrayList<>();
      for (Node item : seq.getValue()) {
        list.add(value(item, what));
      }
      return list;
    }
    MappingNode map = (MappingNode) node;
    Map<Object, Object> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      Object key = value(t.getKeyNode(), what);
      if (key instanceof Map || key instanceof List) {
        throw new InvalidInputException(what + " has a mapping key that is not a scalar");
      }
      if (out.containsKey(key)) {
        throw new InvalidInputException(what + " has the key '" + key + "' twice");
      }
      out.put(key, value(t.getValueNode(), what));
    }
    return out;
  }

  /** A map key as sigs.k8s.io/yaml turns it into a JSON object key. */
  public static String jsonKey(Object key, String what) {
    if (key instanceof String s) {
      return s;
    }
    if (key instanceof Long l) {
      return l.toString();
    }
    if (key instanceof Boolean b) {
      return b.toString();
    }
    if (key instanceof Double d) {
      String s = GoNumbers.formatG(d, 32);
      return switch (s) {
        case "+Inf" -> ".inf";
        case "-Inf" -> "-.inf";
        case "NaN" -> ".nan";
        default -> s;
      };
    }
    throw new InvalidInputException(what + " has an unsupported map key: " + key);
  }

  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(what + " is not valid UTF-8");
    }
  }
}
