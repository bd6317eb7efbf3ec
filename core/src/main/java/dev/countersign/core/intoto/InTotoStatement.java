package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.internal.intoto.StatementReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An in-toto Statement (v1 or v0.1): subjects, a predicate type and a predicate. Reading is strict (duplicate keys,
 * a missing or empty subject list, a subject without digest, a malformed digest and documents above the size cap,
 * 16 MiB by default, are refused) and keeps unknown fields, which {@link #toJson()} writes back.
 *
 * <pre>{@code
 * InTotoStatement s = InTotoStatement.builder()
 *     .subject("app.tar.gz", Digest.sha256(Path.of("app.tar.gz")))
 *     .predicate(provenance)                       // or .predicate(type, jsonNode)
 *     .build();                                    // Statement v1 unless .version(StatementVersion.V0_1)
 * }</pre>
 */
public final class InTotoStatement {
  /** The DSSE payload type of in-toto statements. */
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  /** The default size cap of {@link #parse(byte[])}: 16 MiB. */
  public static final int DEFAULT_MAX_BYTES = StrictJson.MAX_BYTES;

  private final StatementVersion version;
  private final List<ResourceDescriptor> subjects;
  private final String predicateType;
  private final JsonNode predicate;
  private final ObjectNode other;

  private InTotoStatement(Builder b) {
    this.version = b.version;
    this.subjects = List.copyOf(b.subjects);
    this.predicateType = b.predicateType;
    this.predicate = b.predicate == null ? null : b.predicate.deepCopy();
    this.other = b.other.deepCopy();
  }

  /** Parses a statement of at most 16 MiB. */
  public static InTotoStatement parse(byte[] json) {
    return parse(json, DEFAULT_MAX_BYTES);
  }

  /** Parses a statement of at most {@code maxBytes} (checked before any parsing). */
  public static InTotoStatement parse(byte[] json, int maxBytes) {
    return StatementReader.read(StrictJson.parseObject(json, "in-toto statement", maxBytes));
  }

  /** Parses statement JSON text. */
  public static InTotoStatement parse(String json) {
    return parse(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this statement's fields (to change the version, add a subject, ...). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.version = version;
    b.subjects.addAll(subjects);
    b.predicateType = predicateType;
    b.predicate = predicate;
    b.other = other.deepCopy();
    return b;
  }

  public StatementVersion version() {
    return version;
  }

  /** The {@code _type} URI. */
  public String type() {
    return version.uri();
  }

  public List<ResourceDescriptor> subjects() {
    return subjects;
  }

  public String predicateType() {
    return predicateType;
  }

  /** A copy of the predicate; {@link NullNode} when the statement has none. */
  public JsonNode predicate() {
    return predicate == null ? NullNode.getInstance() : predicate.deepCopy();
  }

  /** A copy of the top-level fields this version does not define, as read. */
  public ObjectNode otherFields() {
    return other.deepCopy();
  }

  /** True when a subject's digest set {@linkplain DigestSet#matches matches} {@code digest}. */
  public boolean hasSubject(DigestSet digest) {
    return subjects.stream().anyMatch(s -> s.digest().matches(digest));
  }

  /** True when a subject carries {@code digest}. */
  public boolean hasSubject(Digest digest) {
    return digest != null && hasSubject(DigestSet.of(digest));
  }

  /** Compact UTF-8 JSON: {@code _type, subject, predicateType, predicate}, then unknown fields as read. */
  public byte[] toJson() {
    return StrictJson.compact(StatementReader.write(this)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InTotoStatement)) {
      return false;
    }
    InTotoStatement s = (InTotoStatement) o;
    return version == s.version && subjects.equals(s.subjects) && predicateType.equals(s.predicateType)
        && Objects.equals(predicate, s.predicate) && other.equals(s.other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, subjects, predicateType, predicate, other);
  }

  @Override
  public String toString() {
    return "InTotoStatement{" + type() + ", " + subjects.size() + " subject(s), predicateType=" + predicateType + "}";
  }

  /** Collects a statement; {@link #build()} requires a subject with a digest and a predicate type. */
  public static final class Builder {
    private StatementVersion version = StatementVersion.V1;
    private final List<ResourceDescriptor> subjects = new ArrayList<>();
    private String predicateType;
    private JsonNode predicate;
    private ObjectNode other = JsonNodeFactory.instance.objectNode();

    private Builder() {}

    /** The statement version; default {@link StatementVersion#V1}. */
    public Builder version(StatementVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder subject(ResourceDescriptor subject) {
      subjects.add(Objects.requireNonNull(subject, "subject"));
      return this;
    }

    public Builder subject(String name, Digest digest) {
      return subject(ResourceDescriptor.of(name, digest));
    }

    /** Replaces the subjects. */
    public Builder subjects(List<ResourceDescriptor> subjects) {
      this.subjects.clear();
      subjects.forEach(this::subject);
      return this;
    }

    /** A predicate as raw JSON (an object; a JSON string is kept as written, as some SBOM tools emit). */
    public Builder predicate(String predicateType, JsonNode predicate) {
      this.predicateType = Objects.requireNonNull(predicateType, "predicateType");
      this.predicate = predicate == null || predicate.isNull() ? null : predicate.deepCopy();
      return this;
    }

    /** A typed predicate. */
    public Builder predicate(Predicate predicate) {
      return predicate(predicate.predicateType(), predicate.toJson());
    }

    /** Sets a top-level field this version does not define (kept as given). */
    public Builder field(String field, JsonNode value) {
      StatementReader.checkExtraField(field);
      other.set(field, Objects.requireNonNull(value, "value").deepCopy());
      return this;
    }

    public InTotoStatement build() {
      StatementReader.validate(subjects, predicateType, predicate, "statement");
      return new InTotoStatement(this);
    }
  }
}
