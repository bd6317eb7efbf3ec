package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * A chart dependency from {@code Chart.yaml} ({@code dependencies:} items), as Helm's {@code chart.Dependency};
 * empty strings and lists stand for absent fields.
 *
 * @param name the dependency's chart name
 * @param version a version or version range
 * @param repository the repository URL (or {@code @alias}, {@code file://...})
 * @param condition a values path that enables the chart
 * @param tags tags that enable the chart
 * @param enabled whether the chart is enabled
 * @param importValues import-values items (strings or child/parent mappings), copies
 * @param alias an alias for the chart
 */
public record ChartDependency(String name, String version, String repository, String condition, List<String> tags,
    boolean enabled, List<JsonNode> importValues, String alias) {
  /** Validates non-null fields and copies the lists. */
  public ChartDependency {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(alias, "alias");
    tags = List.copyOf(tags);
    importValues = importValues.stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }

  /** The import-values items, fresh copies. */
  @Override
  public List<JsonNode> importValues() {
    return importValues.stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }

  /** Helm's JSON shape: {@code name} and {@code repository} always, other fields omitted when empty. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", name);
    ChartMaintainer.putIfSet(o, "version", version);
    o.put("repository", repository);
    ChartMaintainer.putIfSet(o, "condition", condition);
    if (!tags.isEmpty()) {
      tags.forEach(o.putArray("tags")::add);
    }
    if (enabled) {
      o.put("enabled", true);
    }
    if (!importValues.isEmpty()) {
      ArrayNode a = o.putArray("import-values");
      importValues.forEach(v -> a.add(v.deepCopy()));
    }
    ChartMaintainer.putIfSet(o, "alias", alias);
    return o;
  }
}
