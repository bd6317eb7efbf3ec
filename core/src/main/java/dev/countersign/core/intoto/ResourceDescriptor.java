package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An in-toto ResourceDescriptor (a statement's subject, a provenance's dependency): {@code name}, {@code uri},
 * {@code digest} and any other fields ({@code downloadLocation}, {@code mediaType}, {@code annotations},
 * {@code content}, fields of future versions), which are kept as read and written back unchanged.
 *
 * <pre>{@code
 * ResourceDescriptor app = ResourceDescriptor.of("app.tar.gz", Digest.sha256(Path.of("app.tar.gz")));
 * }</pre>
 */
public final class ResourceDescriptor {
  private static final Set<String> KNOWN = Set.of("name", "uri", "digest");

  private final String name;
  private final String uri;
  private final DigestSet digest;
  private final ObjectNode other;

  private ResourceDescriptor(Builder b) {
    this.name = b.name;
    this.uri = b.uri;
    this.digest = b.digest == null ? DigestSet.of(Map.of()) : b.digest;
    this.other = b.other.deepCopy();
  }

  /** A descriptor with a name and one digest. */
  public static ResourceDescriptor of(String name, Digest digest) {
    return builder().name(name).digest(DigestSet.of(digest)).build();
  }

  /** A descriptor with a name and a digest set. */
  public static ResourceDescriptor of(String name, DigestSet digest) {
    return builder().name(name).digest(digest).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this descriptor's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.uri = uri;
    b.digest = digest;
    b.other = other.deepCopy();
    return b;
  }

  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public Optional<String> uri() {
    return Optional.ofNullable(uri);
  }

  /** The digest set; empty when the descriptor has none. */
  public DigestSet digest() {
    return digest;
  }

  /** A copy of the fields other than name, uri and digest, in the order read. */
  public ObjectNode otherFields() {
    return other.deepCopy();
  }

  /** Another field (e.g. {@code downloadLocation}), as JSON. */
  public Optional<JsonNode> field(String field) {
    JsonNode v = other.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.deepCopy());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResourceDescriptor)) {
      return false;
    }
    ResourceDescriptor r = (ResourceDescriptor) o;
    return Objects.equals(name, r.name) && Objects.equals(uri, r.uri) && digest.equals(r.digest)
        && other.equals(r.other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, uri, digest, other);
  }

  @Override
  public String toString() {
    return "ResourceDescriptor{" + (name != null ? "name=" + name + ", " : "") + (uri != null ? "uri=" + uri + ", "
        : "") + "digest=" + digest + (other.isEmpty() ? "" : ", +" + other.size() + " field(s)") + "}";
  }

  /** Collects fields; {@link #build()} requires at least a uri or a digest (or a {@code content} field). */
  public static final class Builder {
    private String name;
    private String uri;
    private DigestSet digest;
    private ObjectNode other = JsonNodeFactory.instance.objectNode();

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder digest(DigestSet digest) {
      this.digest = Objects.requireNonNull(digest, "digest");
      return this;
    }

    public Builder digest(Digest digest) {
      return digest(DigestSet.of(digest));
    }

    /** Sets another field (not name, uri or digest), e.g. {@code downloadLocation} or {@code annotations}. */
    public Builder field(String field, JsonNode value) {
      if (KNOWN.contains(Objects.requireNonNull(field, "field"))) {
        throw new InvalidInputException("set '" + field + "' with its own builder method");
      }
      other.set(field, Objects.requireNonNull(value, "value").deepCopy());
      return this;
    }

    public ResourceDescriptor build() {
      if (uri == null && (digest == null || digest.isEmpty()) && !other.has("content")) {
        throw new InvalidInputException("a resource descriptor needs a uri, a digest or content");
      }
      return new ResourceDescriptor(this);
    }
  }
}
