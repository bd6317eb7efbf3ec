package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.pgp.internal.chart.GoYamlEmitter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A chart's {@code Chart.yaml} (Helm's {@code chart.Metadata}), read and validated as Helm reads it and written back
 * as Helm writes it. {@link #parse} types plain scalars as go-yaml v2 does ({@code version: 1.0} is {@code "1"}),
 * matches field names case-insensitively, ignores unknown fields, sanitises strings, requires {@code apiVersion}
 * v1 or v2, a valid {@code name} and a SemVer {@code version}, and refuses anchors/aliases and input over 1 MiB.
 * {@link #toYaml} is byte for byte what {@code sigs.k8s.io/yaml.Marshal} gives (the {@code .prov} body, the
 * packaged {@code Chart.yaml}); {@link #toJson} is Helm's JSON shape (index.yaml entries, OCI config).
 */
public final class ChartMetadata {
  final String name;
  final String home;
  final List<String> sources;
  final String version;
  final String description;
  final List<String> keywords;
  final List<ChartMaintainer> maintainers;
  final String icon;
  final String apiVersion;
  final String condition;
  final String tags;
  final String appVersion;
  final boolean deprecated;
  final SortedMap<String, String> annotations;
  final String kubeVersion;
  final List<ChartDependency> dependencies;
  final String type;

  ChartMetadata(ChartMetadataBinder.Fields f) {
    name = f.name;
    home = f.home;
    sources = List.copyOf(f.sources);
    version = f.version;
    description = f.description;
    keywords = List.copyOf(f.keywords);
    maintainers = List.copyOf(f.maintainers);
    icon = f.icon;
    apiVersion = f.apiVersion;
    condition = f.condition;
    tags = f.tags;
    appVersion = f.appVersion;
    deprecated = f.deprecated;
    annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(f.annotations));
    kubeVersion = f.kubeVersion;
    dependencies = List.copyOf(f.dependencies);
    type = f.type;
  }

  /** Parses and validates a {@code Chart.yaml}; throws {@link dev.countersign.core.InvalidInputException}. */
  public static ChartMetadata parse(byte[] chartYaml) {
    Objects.requireNonNull(chartYaml, "chartYaml");
    return ChartMetadataBinder.bind(chartYaml);
  }

  /** This metadata with another version (as {@code helm package --version}); validated as SemVer. */
  public ChartMetadata withVersion(String newVersion) {
    Objects.requireNonNull(newVersion, "newVersion");
    ChartMetadataBinder.Fields f = ChartMetadataBinder.Fields.of(this);
    f.version = newVersion;
    return ChartMetadataBinder.validate(f);
  }

  /** This metadata with another appVersion (as {@code helm package --app-version}). */
  public ChartMetadata withAppVersion(String newAppVersion) {
    Objects.requireNonNull(newAppVersion, "newAppVersion");
    ChartMetadataBinder.Fields f = ChartMetadataBinder.Fields.of(this);
    f.appVersion = newAppVersion;
    return ChartMetadataBinder.validate(f);
  }

  /** Helm's JSON shape: its JSON field names in its field order, empty fields omitted. A fresh tree. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ChartMaintainer.putIfSet(o, "name", name);
    ChartMaintainer.putIfSet(o, "home", home);
    strings(o, "sources", sources);
    ChartMaintainer.putIfSet(o, "version", version);
    ChartMaintainer.putIfSet(o, "description", description);
    strings(o, "keywords", keywords);
    if (!maintainers.isEmpty()) {
      ArrayNode a = o.putArray("maintainers");
      maintainers.forEach(m -> a.add(m.toJson()));
    }
    ChartMaintainer.putIfSet(o, "icon", icon);
    ChartMaintainer.putIfSet(o, "apiVersion", apiVersion);
    ChartMaintainer.putIfSet(o, "condition", condition);
    ChartMaintainer.putIfSet(o, "tags", tags);
    ChartMaintainer.putIfSet(o, "appVersion", appVersion);
    if (deprecated) {
      o.put("deprecated", true);
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = o.putObject("annotations");
      annotations.forEach(a::put);
    }
    ChartMaintainer.putIfSet(o, "kubeVersion", kubeVersion);
    if (!dependencies.isEmpty()) {
      ArrayNode a = o.putArray("dependencies");
      dependencies.forEach(d -> a.add(d.toJson()));
    }
    ChartMaintainer.putIfSet(o, "type", type);
    return o;
  }

  /** The YAML {@code sigs.k8s.io/yaml.Marshal} writes for this metadata (UTF-8 text, LF, final newline). */
  public String toYaml() {
    return GoYamlEmitter.marshal(toJson());
  }

  private static void strings(ObjectNode o, String field, List<String> values) {
    if (!values.isEmpty()) {
      values.forEach(o.putArray(field)::add);
    }
  }

  /** The chart name. */
  public String name() {
    return name;
  }

  /** The chart version (SemVer as Helm accepts it). */
  public String version() {
    return version;
  }

  /** {@code v1} or {@code v2}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The version of the packaged application, if set. */
  public Optional<String> appVersion() {
    return optional(appVersion);
  }

  /** A one-sentence description, if set. */
  public Optional<String> description() {
    return optional(description);
  }

  /** The project home page, if set. */
  public Optional<String> home() {
    return optional(home);
  }

  /** Source URLs. */
  public List<String> sources() {
    return sources;
  }

  /** Keywords. */
  public List<String> keywords() {
    return keywords;
  }

  /** Maintainers. */
  public List<ChartMaintainer> maintainers() {
    return maintainers;
  }

  /** The icon URL, if set. */
  public Optional<String> icon() {
    return optional(icon);
  }

  /** The condition enabling this chart (v1 charts), if set. */
  public Optional<String> condition() {
    return optional(condition);
  }

  /** The tags enabling this chart (v1 charts, one string), if set. */
  public Optional<String> tags() {
    return optional(tags);
  }

  /** Whether the chart is deprecated. */
  public boolean deprecated() {
    return deprecated;
  }

  /** Annotations, sorted by key. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** The Kubernetes version constraint, if set. */
  public Optional<String> kubeVersion() {
    return optional(kubeVersion);
  }

  /** Dependencies. */
  public List<ChartDependency> dependencies() {
    return dependencies;
  }

  /** {@code application} or {@code library}, if set. */
  public Optional<String> type() {
    return optional(type);
  }

  /** The archive file name Helm gives this chart: {@code NAME-VERSION.tgz}. */
  public String archiveFileName() {
    return name + "-" + version + ".tgz";
  }

  private static Optional<String> optional(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChartMetadata m && toJson().equals(m.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "ChartMetadata[" + name + " " + version + ", apiVersion=" + apiVersion + "]";
  }
}
