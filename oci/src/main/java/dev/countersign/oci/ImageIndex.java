package dev.countersign.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.manifest.DescriptorJson;
import dev.countersign.oci.internal.manifest.OciJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, immutable view of an image index (OCI index or Docker manifest list): its manifests with their
 * platforms, subject and annotations. {@link #parse} reads strictly; {@link #builder()} writes canonical compact
 * JSON (schemaVersion, mediaType, artifactType, manifests, subject, annotations). An OCI layout's
 * {@code index.json} is read with the same parser.
 */
public final class ImageIndex {
  private final Manifest manifest;
  private final String artifactType;
  private final List<Entry> manifests;
  private final Descriptor subject;
  private final Map<String, String> annotations;

  private ImageIndex(Manifest manifest, String artifactType, List<Entry> manifests, Descriptor subject,
      Map<String, String> annotations) {
    this.manifest = manifest;
    this.artifactType = artifactType;
    this.manifests = List.copyOf(manifests);
    this.subject = subject;
    this.annotations = Map.copyOf(annotations);
  }

  /** Parses {@code manifest}, whose media type must be an index type; malformed input fails precisely. */
  public static ImageIndex parse(Manifest manifest) {
    String type = manifest.mediaType();
    if (!MediaTypes.isIndex(type)) {
      throw new InvalidInputException("not an image index: media type " + type);
    }
    JsonNode root = OciJson.parseObject(manifest.bytes(), "image index " + manifest.digest());
    DescriptorJson.checkHeader(root, type, "image index");
    JsonNode arr = OciJson.array(root, "manifests", "manifests", true);
    List<Entry> entries = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      String path = "manifests[" + i + "]";
      JsonNode node = OciJson.element(arr, i, "manifests");
      JsonNode platform = OciJson.object(node, "platform", path + ".platform", false);
      entries.add(new Entry(DescriptorJson.parse(node, path),
          platform == null ? null : DescriptorJson.parsePlatform(platform, path + ".platform")));
    }
    return new ImageIndex(manifest, OciJson.string(root, "artifactType", "artifactType", false), entries,
        DescriptorJson.parseSubject(root), OciJson.stringMap(root, "annotations", "annotations"));
  }

  /** A builder of a canonical OCI index. */
  public static Builder builder() {
    return new Builder();
  }

  /** The exact manifest this view was parsed from or built as. */
  public Manifest manifest() {
    return manifest;
  }

  public String mediaType() {
    return manifest.mediaType();
  }

  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  /** Entries in index order, possibly empty. */
  public List<Entry> manifests() {
    return manifests;
  }

  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public String toString() {
    return "ImageIndex " + manifest + ", " + manifests.size() + " entries";
  }

  /** One index entry: a descriptor and, for a platform image, its platform. */
  public static final class Entry {
    private final Descriptor descriptor;
    private final Platform platform;

    /** An entry; {@code platform} may be null. */
    public Entry(Descriptor descriptor, Platform platform) {
      this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
      this.platform = platform;
    }

    public Descriptor descriptor() {
      return descriptor;
    }

    public Optional<Platform> platform() {
      return Optional.ofNullable(platform);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry && descriptor.equals(((Entry) o).descriptor)
          && Objects.equals(platform, ((Entry) o).platform);
    }

    @Override
    public int hashCode() {
      return Objects.hash(descriptor, platform);
    }

    @Override
    public String toString() {
      return descriptor + (platform == null ? "" : " " + platform);
    }
  }

  /** Builds a canonical index. */
  public static final class Builder {
    private String mediaType = MediaTypes.OCI_INDEX;
    private String artifactType;
    private final List<Entry> manifests = new ArrayList<>();
    private Descriptor subject;
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private Builder() {}

    /** OCI index (default) or Docker manifest list. */
    public Builder mediaType(String mediaType) {
      this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
      return this;
    }

    public Builder artifactType(String artifactType) {
      this.artifactType = artifactType;
      return this;
    }

    public Builder add(Descriptor descriptor) {
      return add(new Entry(descriptor, null));
    }

    public Builder add(Descriptor descriptor, Platform platform) {
      return add(new Entry(descriptor, platform));
    }

    public Builder add(Entry entry) {
      manifests.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    public Builder manifests(List<Entry> entries) {
      manifests.clear();
      entries.forEach(this::add);
      return this;
    }

    public Builder subject(Descriptor subject) {
      this.subject = subject;
      return this;
    }

    public Builder annotation(String key, String value) {
      annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder annotations(Map<String, String> annotations) {
      this.annotations.clear();
      annotations.forEach(this::annotation);
      return this;
    }

    /** Writes the index; it must fit {@link Manifest#MAX_BYTES}. */
    public ImageIndex build() {
      if (!MediaTypes.isIndex(mediaType)) {
        throw new InvalidInputException("not an index media type: " + mediaType);
      }
      byte[] bytes = OciJson.write(g -> {
        DescriptorJson.writeHead(g, mediaType, artifactType);
        g.writeArrayFieldStart("manifests");
        for (Entry e : manifests) {
          DescriptorJson.write(g, e.descriptor, e.platform);
        }
        g.writeEndArray();
        DescriptorJson.writeTail(g, subject, annotations);
      });
      return new ImageIndex(Manifest.of(mediaType, bytes), artifactType, manifests, subject, annotations);
    }
  }
}
