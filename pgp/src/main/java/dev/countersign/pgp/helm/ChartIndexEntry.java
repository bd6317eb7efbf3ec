package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.repo.SemVer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One chart version in a repository {@code index.yaml}, as Helm's {@code ChartVersion}: the chart metadata fields
 * ({@code name}, {@code version}, {@code apiVersion}, {@code appVersion}, ...) next to {@code urls},
 * {@code created} (RFC 3339 with nanoseconds), {@code digest} (hex SHA-256 of the archive, no prefix) and
 * {@code removed}. Fields this class does not interpret are kept as they were read and written back.
 */
public final class ChartIndexEntry {
  /** The members that are not chart metadata. */
  static final Set<String> ENTRY_FIELDS = Set.of("urls", "created", "removed", "digest", "checksum", "engine",
      "tillerVersion", "url");
  private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final ObjectNode json;
  private final String name;
  private final String version;
  private final List<String> urls;
  private final Instant created;

  private ChartIndexEntry(ObjectNode json, String name, String version, List<String> urls, Instant created) {
    this.json = json;
    this.name = name;
    this.version = version;
    this.urls = urls;
    this.created = created;
  }

  /**
   * An entry for a chart whose metadata is {@code metadata} (Helm's JSON shape, as {@code ChartMetadata.toJson()}
   * gives it), downloadable from {@code urls}, created at {@code created}, archive digest {@code sha256Hex}.
   */
  public static ChartIndexEntry of(ObjectNode metadata, List<String> urls, Instant created, String sha256Hex) {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(created, "created");
    ObjectNode json = metadata.deepCopy();
    json.remove(ENTRY_FIELDS);
    if (!json.hasNonNull("apiVersion")) {
      json.put("apiVersion", "v1");
    }
    ArrayNode u = json.putArray("urls");
    List.copyOf(urls).forEach(u::add);
    json.put("created", format(created));
    if (sha256Hex != null) {
      if (!sha256Hex.matches("[0-9a-f]{64}")) {
        throw new InvalidInputException("digest must be 64 lower-case hex digits (SHA-256, no prefix)");
      }
      json.put("digest", sha256Hex);
    }
    return fromJson(json);
  }

  /** Reads an entry from its JSON tree; throws {@link InvalidInputException} saying what is wrong. */
  public static ChartIndexEntry fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("chart version entry is not a mapping");
    }
    ObjectNode json = ((ObjectNode) node).deepCopy();
    String name = text(json, "name");
    String version = text(json, "version");
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("chart version entry has no name");
    }
    if (name.contains("/") || name.contains("\\") || name.contains("..")) {
      throw new InvalidInputException("chart name " + name + " contains a path separator or '..'");
    }
    if (version == null || SemVer.parse(version).isEmpty()) {
      throw new InvalidInputException("chart " + name + " has no valid SemVer version: " + version);
    }
    List<String> urls = new ArrayList<>();
    JsonNode u = json.get("urls");
    if (u != null && !u.isNull()) {
      if (!u.isArray()) {
        throw new InvalidInputException("urls of chart " + name + " " + version + " is not a list");
      }
      for (JsonNode e : u) {
        if (!e.isTextual()) {
          throw new InvalidInputException("a url of chart " + name + " " + version + " is not a string");
        }
        urls.add(e.textValue());
      }
    }
    Instant created = null;
    String c = text(json, "created");
    if (c != null && !c.isEmpty()) {
      try {
        created = OffsetDateTime.parse(c, RFC3339_NANO).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("created of chart " + name + " " + version + " is not RFC 3339: " + c);
      }
    }
    String digest = text(json, "digest");
    if (digest != null && !digest.isEmpty() && !digest.matches("(sha256:)?[0-9a-fA-F]{64}")) {
      throw new InvalidInputException("digest of chart " + name + " " + version + " is not a SHA-256 hex digest");
    }
    return new ChartIndexEntry(json, name, version, List.copyOf(urls), created);
  }

  private static String text(ObjectNode json, String field) {
    JsonNode n = json.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw new InvalidInputException("field " + field + " of a chart version entry is not a scalar");
    }
    return n.asText();
  }

  /** Go's {@code time.RFC3339Nano} as {@code encoding/json} writes it: UTC as {@code Z}, fraction trimmed. */
  static String format(Instant instant) {
    return RFC3339_NANO.format(instant.atOffset(ZoneOffset.UTC));
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  /** The download URLs, absolute or relative to the repository URL; possibly empty. */
  public List<String> urls() {
    return urls;
  }

  /** When the entry was created; empty when the index did not say. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /** The archive's SHA-256 as hex (lower case, no {@code sha256:} prefix), when the index gives one. */
  public Optional<String> digest() {
    String d = text(json, "digest");
    if (d == null || d.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(d.toLowerCase(java.util.Locale.ROOT).replaceFirst("^sha256:", ""));
  }

  /** Helm's {@code removed} flag. */
  public boolean removed() {
    JsonNode r = json.get("removed");
    return r != null && r.asBoolean(false);
  }

  /** The chart metadata fields of the entry (a copy), without urls, created, digest and removed. */
  public ObjectNode metadata() {
    ObjectNode m = json.deepCopy();
    m.remove(ENTRY_FIELDS);
    return m;
  }

  /** The whole entry as Helm writes it (a copy). */
  public ObjectNode toJson() {
    return json.deepCopy();
  }

  /** This entry with {@code urls} in place of its URLs. */
  public ChartIndexEntry withUrls(List<String> urls) {
    ObjectNode copy = json.deepCopy();
    ArrayNode u = copy.putArray("urls");
    List.copyOf(urls).forEach(u::add);
    return fromJson(copy);
  }

  static ObjectNode newObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChartIndexEntry && json.equals(((ChartIndexEntry) o).json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return name + " " + version + " " + urls;
  }
}
