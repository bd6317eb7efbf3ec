package dev.countersign.pgp.helm;

import static dev.countersign.pgp.internal.chart.ChartValidation.sanitize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.chart.ChartValidation;
import dev.countersign.pgp.internal.chart.GoJsonBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Binds one {@code dependencies:} item as Helm's {@code chart.Dependency} and validates it. */
final class ChartDependencyBinder {
  private ChartDependencyBinder() {}

  static ChartDependency bind(Object item) {
    String[] s = {"", "", "", "", ""}; // name, version, repository, condition, alias
    List<String> tags = new ArrayList<>();
    boolean enabled = false;
    List<JsonNode> importValues = new ArrayList<>();
    for (var e : GoJsonBinding.object(item, "dependencies").entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      Object v = e.getValue();
      switch (k) {
        case "name" -> s[0] = ChartMetadataBinder.str(v, "dependencies.name", s[0]);
        case "version" -> s[1] = ChartMetadataBinder.str(v, "dependencies.version", s[1]);
        case "repository" -> s[2] = ChartMetadataBinder.str(v, "dependencies.repository", s[2]);
        case "condition" -> s[3] = ChartMetadataBinder.str(v, "dependencies.condition", s[3]);
        case "alias" -> s[4] = ChartMetadataBinder.str(v, "dependencies.alias", s[4]);
        case "tags" -> tags = ChartMetadataBinder.strings(v, "dependencies.tags");
        case "enabled" -> {
          Boolean b = GoJsonBinding.bool(v, "dependencies.enabled");
          enabled = b == null ? enabled : b;
        }
        case "import-values" -> importValues = ChartMetadataBinder.anyList(v, "dependencies.import-values");
        default -> { }
      }
    }
    return new ChartDependency(s[0], s[1], s[2], s[3], tags, enabled, importValues, s[4]);
  }

  static ChartDependency validate(ChartDependency d) {
    if (d == null) {
      throw new InvalidInputException("Chart.yaml: dependencies must not contain empty or null nodes");
    }
    List<String> tags = new ArrayList<>(d.tags());
    tags.replaceAll(ChartValidation::sanitize);
    if (!d.alias().isEmpty() && !ChartValidation.isValidAlias(d.alias())) {
      throw new InvalidInputException("Chart.yaml: dependency \"" + d.name()
          + "\" has disallowed characters in the alias");
    }
    return new ChartDependency(sanitize(d.name()), sanitize(d.version()), sanitize(d.repository()),
        sanitize(d.condition()), tags, d.enabled(), d.importValues(), d.alias());
  }
}
