package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.repo.IndexYaml;
import dev.countersign.pgp.internal.repo.SemVer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Helm chart repository index ({@code index.yaml}): {@code apiVersion: v1}, {@code generated}, and
 * {@code entries} mapping each chart name to its versions, newest first by SemVer as Helm's {@code SortEntries}
 * sorts them. Read as Helm's {@code LoadIndexFile} does (JSON or YAML, an entry that is not a valid chart version
 * is skipped and listed in {@link #skipped()}), but bounded ({@value IndexYaml#MAX_BYTES} bytes) and without YAML
 * anchors or aliases. Written deterministically: keys sorted, entries by name, versions newest first. Top-level
 * members Helm also knows ({@code annotations}, {@code publicKeys}, {@code serverInfo}) are kept. Immutable.
 */
public final class ChartRepositoryIndex {
  private final String apiVersion;
  private final Instant generated;
  private final Map<String, List<ChartIndexEntry>> entries;
  private final ObjectNode extra;
  private final List<String> skipped;

  private ChartRepositoryIndex(String apiVersion, Instant generated, Map<String, List<ChartIndexEntry>> entries,
      ObjectNode extra, List<String> skipped) {
    TreeMap<String, List<ChartIndexEntry>> sorted = new TreeMap<>();
    entries.forEach((name, versions) -> {
      List<ChartIndexEntry> list = new ArrayList<>(versions);
      list.sort((a, b) -> SemVer.NEWEST_FIRST.compare(a.version(), b.version()));
      sorted.put(name, List.copyOf(list));
    });
    this.apiVersion = apiVersion;
    this.generated = generated;
    this.entries = Collections.unmodifiableMap(sorted);
    this.extra = extra;
    this.skipped = List.copyOf(skipped);
  }

  /** An index without entries, generated at {@code generated}. */
  public static ChartRepositoryIndex empty(Instant generated) {
    return new ChartRepositoryIndex("v1", Objects.requireNonNull(generated, "generated"), Map.of(),
        ChartIndexEntry.newObject(), List.of());
  }

  /** Reads an index file (at most {@value IndexYaml#MAX_BYTES} bytes). */
  public static ChartRepositoryIndex read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in.readNBytes(IndexYaml.MAX_BYTES + 1), file.getFileName().toString());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses an index document. */
  public static ChartRepositoryIndex parse(byte[] data) {
    return parse(data, "index.yaml");
  }

  static ChartRepositoryIndex parse(byte[] data, String source) {
    JsonNode root = IndexYaml.parse(Objects.requireNonNull(data, "data"), source);
    if (!root.isObject()) {
      throw new InvalidInputException(source + " is not a YAML mapping");
    }
    ObjectNode extra = ((ObjectNode) root).deepCopy();
    JsonNode api = extra.remove("apiVersion");
    if (api == null || !api.isTextual() || api.textValue().isEmpty()) {
      throw new InvalidInputException(source + ": no API version specified");
    }
    Instant generated = Instant.EPOCH;
    JsonNode gen = extra.remove("generated");
    if (gen != null && gen.isTextual() && !gen.textValue().isEmpty()) {
      try {
        generated = OffsetDateTime.parse(gen.textValue()).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidInputException(source + ": generated is not an RFC 3339 time: " + gen.textValue());
      }
    }
    JsonNode e = extra.remove("entries");
    Map<String, List<ChartIndexEntry>> entries = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    if (e != null && !e.isNull()) {
      if (!e.isObject()) {
        throw new InvalidInputException(source + ": entries is not a mapping");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> chart = it.next();
        List<ChartIndexEntry> versions = new ArrayList<>();
        if (!chart.getValue().isArray()) {
          skipped.add(chart.getKey() + ": the versions are not a list");
          continue;
        }
        for (JsonNode v : chart.getValue()) {
          try {
            versions.add(ChartIndexEntry.fromJson(v));
          } catch (InvalidInputException bad) {
            skipped.add(chart.getKey() + ": " + bad.getMessage());
          }
        }
        entries.put(chart.getKey(), versions);
      }
    }
    return new ChartRepositoryIndex(api.textValue(), generated, entries, extra, skipped);
  }

  /** The document as YAML, deterministic for the same content. */
  public byte[] toYaml() {
    ObjectNode root = ChartIndexEntry.newObject();
    root.put("apiVersion", apiVersion);
    ObjectNode e = root.putObject("entries");
    entries.forEach((name, versions) -> {
      ArrayNode list = e.putArray(name);
      versions.forEach(v -> list.add(sorted((JsonNode) v.toJson())));
    });
    root.put("generated", ChartIndexEntry.format(generated));
    extra.fields().forEachRemaining(f -> root.set(f.getKey(), f.getValue()));
    return IndexYaml.write(sorted(root));
  }

  private static ObjectNode sorted(ObjectNode node) {
    ObjectNode out = ChartIndexEntry.newObject();
    new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> out.set(k, sorted(v)));
    return out;
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      return sorted((ObjectNode) node);
    }
    if (node.isArray()) {
      ArrayNode out = ChartIndexEntry.newObject().arrayNode();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return node;
  }

  private static Map<String, JsonNode> toMap(ObjectNode node) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    node.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue()));
    return m;
  }

  /** Writes the YAML to {@code file} atomically (a temporary file in the same directory, then a rename). */
  public void write(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".index-", ".yaml.tmp");
      try {
        Files.write(tmp, toYaml());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** The {@code generated} time ({@link Instant#EPOCH} when the document had none). */
  public Instant generated() {
    return generated;
  }

  /** Chart names mapped to their versions, names sorted, versions newest first. */
  public Map<String, List<ChartIndexEntry>> entries() {
    return entries;
  }

  /** The versions of chart {@code name}, newest first; empty when the index has none. */
  public List<ChartIndexEntry> versions(String name) {
    return entries.getOrDefault(name, List.of());
  }

  /** The entry for exactly {@code name} and {@code version}. */
  public Optional<ChartIndexEntry> find(String name, String version) {
    return versions(name).stream().filter(v -> v.version().equals(version)).findFirst();
  }

  /** The newest version of {@code name} without a pre-release part, as {@code helm pull} picks it. */
  public Optional<ChartIndexEntry> latest(String name) {
    return versions(name).stream().filter(v -> SemVer.parse(v.version()).map(s -> !s.toString().contains("-"))
        .orElse(false)).findFirst();
  }

  /** Why entries of the document read were left out (an invalid entry is skipped, as Helm skips it). */
  public List<String> skipped() {
    return skipped;
  }

  /** This index with {@code entry} added, replacing an entry of the same name and version. */
  public ChartRepositoryIndex with(ChartIndexEntry entry) {
    Map<String, List<ChartIndexEntry>> copy = new LinkedHashMap<>(entries);
    List<ChartIndexEntry> list = new ArrayList<>(versions(entry.name()));
    list.removeIf(v -> v.version().equals(entry.version()));
    list.add(entry);
    copy.put(entry.name(), list);
    return new ChartRepositoryIndex(apiVersion, generated, copy, extra, skipped);
  }

  /**
   * Helm's {@code IndexFile.Merge}: the entries of {@code other} whose name and version this index lacks are
   * added; for a name and version in both, this index's entry is kept.
   */
  public ChartRepositoryIndex merge(ChartRepositoryIndex other) {
    Map<String, List<ChartIndexEntry>> copy = new LinkedHashMap<>();
    entries.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    other.entries.forEach((name, versions) -> versions.forEach(v -> {
      if (find(name, v.version()).isEmpty()) {
        copy.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
      }
    }));
    return new ChartRepositoryIndex(apiVersion, generated, copy, extra, skipped);
  }

  ChartRepositoryIndex withSkipped(List<String> more) {
    List<String> all = new ArrayList<>(skipped);
    all.addAll(more);
    return new ChartRepositoryIndex(apiVersion, generated, entries, extra, all);
  }

  /** This index with {@code generated} set. */
  public ChartRepositoryIndex withGenerated(Instant generated) {
    return new ChartRepositoryIndex(apiVersion, Objects.requireNonNull(generated, "generated"), entries, extra,
        skipped);
  }

  @Override
  public String toString() {
    return "ChartRepositoryIndex[" + entries.size() + " charts, generated " + generated + "]";
  }
}
