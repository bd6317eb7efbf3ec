package dev.countersign.pgp.helm;

import static dev.countersign.pgp.internal.chart.ChartValidation.sanitize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.chart.ChartValidation;
import dev.countersign.pgp.internal.chart.ChartYamlReader;
import dev.countersign.pgp.internal.chart.GoJsonBinding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Binds a {@code Chart.yaml} to {@link ChartMetadata} as sigs.k8s.io/yaml and Helm's {@code Validate} do. */
final class ChartMetadataBinder {
  private ChartMetadataBinder() {}

  /** The mutable fields while binding; null items stand for Go's nil pointers. */
  static final class Fields {
    String name = "";
    String home = "";
    List<String> sources = new ArrayList<>();
    String version = "";
    String description = "";
    List<String> keywords = new ArrayList<>();
    List<ChartMaintainer> maintainers = new ArrayList<>();
    String icon = "";
    String apiVersion = "";
    String condition = "";
    String tags = "";
    String appVersion = "";
    boolean deprecated;
    Map<String, String> annotations = new TreeMap<>();
    String kubeVersion = "";
    List<ChartDependency> dependencies = new ArrayList<>();
    String type = "";

    static Fields of(ChartMetadata m) {
      Fields f = new Fields();
      f.name = m.name;
      f.home = m.home;
      f.sources = new ArrayList<>(m.sources);
      f.version = m.version;
      f.description = m.description;
      f.keywords = new ArrayList<>(m.keywords);
      f.maintainers = new ArrayList<>(m.maintainers);
      f.icon = m.icon;
      f.apiVersion = m.apiVersion;
      f.condition = m.condition;
      f.tags = m.tags;
      f.appVersion = m.appVersion;
      f.deprecated = m.deprecated;
      f.annotations = new TreeMap<>(m.annotations);
      f.kubeVersion = m.kubeVersion;
      f.dependencies = new ArrayList<>(m.dependencies);
      f.type = m.type;
      return f;
    }
  }

  static ChartMetadata bind(byte[] yaml) {
    Object root = ChartYamlReader.read(yaml, "Chart.yaml");
    Fields f = new Fields();
    if (root != null) {
      if (!(root instanceof Map)) {
        throw new InvalidInputException("Chart.yaml is not a YAML mapping");
      }
      GoJsonBinding.object(root, "Chart.yaml").forEach((k, v) -> field(f, k, v));
    }
    return validate(f);
  }

  private static void field(Fields f, String key, Object v) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    switch (k) {
      case "name" -> f.name = str(v, "name", f.name);
      case "home" -> f.home = str(v, "home", f.home);
      case "sources" -> f.sources = strings(v, "sources");
      case "version" -> f.version = str(v, "version", f.version);
      case "description" -> f.description = str(v, "description", f.description);
      case "keywords" -> f.keywords = strings(v, "keywords");
      case "maintainers" -> f.maintainers = maintainers(v);
      case "icon" -> f.icon = str(v, "icon", f.icon);
      case "apiversion" -> f.apiVersion = str(v, "apiVersion", f.apiVersion);
      case "condition" -> f.condition = str(v, "condition", f.condition);
      case "tags" -> f.tags = str(v, "tags", f.tags);
      case "appversion" -> f.appVersion = str(v, "appVersion", f.appVersion);
      case "deprecated" -> {
        Boolean b = GoJsonBinding.bool(v, "deprecated");
        f.deprecated = b == null ? f.deprecated : b;
      }
      case "annotations" -> {
        if (v == null) {
          f.annotations = new TreeMap<>();
        } else {
          GoJsonBinding.object(v, "annotations").forEach((ak, av) -> f.annotations.put(ak,
              nonNull(GoJsonBinding.string(av, "annotations"))));
        }
      }
      case "kubeversion" -> f.kubeVersion = str(v, "kubeVersion", f.kubeVersion);
      case "dependencies" -> f.dependencies = dependencies(v);
      case "type" -> f.type = str(v, "type", f.type);
      default -> { } // unknown fields are ignored, as Helm does
    }
  }

  private static List<ChartMaintainer> maintainers(Object v) {
    List<?> items = GoJsonBinding.list(v, "maintainers");
    List<ChartMaintainer> out = new ArrayList<>();
    if (items != null) {
      for (Object item : items) {
        if (item == null) {
          out.add(null);
          continue;
        }
        String[] nameEmailUrl = {"", "", ""};
        GoJsonBinding.object(item, "maintainers").forEach((k, val) -> {
          int i = List.of("name", "email", "url").indexOf(k.toLowerCase(java.util.Locale.ROOT));
          if (i >= 0) {
            nameEmailUrl[i] = str(val, "maintainers." + k, nameEmailUrl[i]);
          }
        });
        out.add(new ChartMaintainer(nameEmailUrl[0], nameEmailUrl[1], nameEmailUrl[2]));
      }
    }
    return out;
  }

  private static List<ChartDependency> dependencies(Object v) {
    List<?> items = GoJsonBinding.list(v, "dependencies");
    List<ChartDependency> out = new ArrayList<>();
    if (items != null) {
      for (Object item : items) {
        out.add(item == null ? null : ChartDependencyBinder.bind(item));
      }
    }
    return out;
  }

  static ChartMetadata validate(Fields f) {
    f.name = sanitize(f.name);
    f.description = sanitize(f.description);
    f.home = sanitize(f.home);
    f.icon = sanitize(f.icon);
    f.condition = sanitize(f.condition);
    f.tags = sanitize(f.tags);
    f.appVersion = sanitize(f.appVersion);
    f.kubeVersion = sanitize(f.kubeVersion);
    f.sources.replaceAll(ChartValidation::sanitize);
    f.keywords.replaceAll(ChartValidation::sanitize);
    if (f.apiVersion.isEmpty()) {
      throw new InvalidInputException("Chart.yaml: chart.metadata.apiVersion is required");
    }
    if (!f.apiVersion.equals("v1") && !f.apiVersion.equals("v2")) {
      throw new InvalidInputException("Chart.yaml: apiVersion \"" + f.apiVersion + "\" is not supported; "
          + "Helm chart apiVersion must be v1 or v2");
    }
    ChartValidation.checkName(f.name, "Chart.yaml: chart.metadata.name");
    if (f.version.isEmpty()) {
      throw new InvalidInputException("Chart.yaml: chart.metadata.version is required");
    }
    if (!ChartValidation.isValidSemver(f.version)) {
      throw new InvalidInputException("Chart.yaml: chart.metadata.version \"" + f.version + "\" is invalid "
          + "(not SemVer)");
    }
    if (!f.type.isEmpty() && !f.type.equals("application") && !f.type.equals("library")) {
      throw new InvalidInputException("Chart.yaml: chart.metadata.type must be application or library");
    }
    for (int i = 0; i < f.maintainers.size(); i++) {
      ChartMaintainer m = f.maintainers.get(i);
      if (m == null) {
        throw new InvalidInputException("Chart.yaml: maintainers must not contain empty or null nodes");
      }
      f.maintainers.set(i, new ChartMaintainer(sanitize(m.name()), sanitize(m.email()), sanitize(m.url())));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < f.dependencies.size(); i++) {
      ChartDependency d = ChartDependencyBinder.validate(f.dependencies.get(i));
      f.dependencies.set(i, d);
      String key = d.alias().isEmpty() ? d.name() : d.alias();
      if (!seen.add(key)) {
        throw new InvalidInputException("Chart.yaml: more than one dependency with name or alias \"" + key + "\"");
      }
    }
    return new ChartMetadata(f);
  }

  static String str(Object v, String field, String current) {
    String s = GoJsonBinding.string(v, field);
    return s == null ? current : s;
  }

  static String nonNull(String s) {
    return s == null ? "" : s;
  }

  static List<String> strings(Object v, String field) {
    List<String> s = GoJsonBinding.strings(v, field);
    return s == null ? new ArrayList<>() : s;
  }

  static List<JsonNode> anyList(Object v, String field) {
    List<?> items = GoJsonBinding.list(v, field);
    List<JsonNode> out = new ArrayList<>();
    if (items != null) {
      items.forEach(i -> out.add(GoJsonBinding.any(i, field)));
    }
    return out;
  }
}
