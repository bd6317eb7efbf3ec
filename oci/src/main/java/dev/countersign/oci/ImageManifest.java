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
 * A parsed, immutable view of an image manifest (OCI or Docker schema 2): config, layers, subject, annotations.
 * {@link #parse} reads the exact bytes of a {@link Manifest} strictly; {@link #builder()} writes canonical compact
 * JSON (members in the order schemaVersion, mediaType, artifactType, config, layers, subject, annotations), so the
 * same inputs always give the same digest.
 */
public final class ImageManifest {
  private final Manifest manifest;
  private final String artifactType;
  private final Descriptor config;
  private final List<Descriptor> layers;
  private final Descriptor subject;
  private final Map<String, String> annotations;

  private ImageManifest(Manifest manifest, String artifactType, Descriptor config, List<Descriptor> layers,
      Descriptor subject, Map<String, String> annotations) {
    this.manifest = manifest;
    this.artifactType = artifactType;
    this.config = config;
    this.layers = List.copyOf(layers);
    this.subject = subject;
    this.annotations = Map.copyOf(annotations);
  }

  /**
   * Parses {@code manifest}, whose media type must be an image manifest type; throws
   * {@link InvalidInputException} for malformed JSON, duplicate keys, a schemaVersion other than 2, wrong member
   * types or a declared mediaType that disagrees.
   */
  public static ImageManifest parse(Manifest manifest) {
    String type = manifest.mediaType();
    if (!MediaTypes.isImageManifest(type)) {
      throw new InvalidInputException("not an image manifest: media type " + type);
    }
    JsonNode root = OciJson.parseObject(manifest.bytes(), "image manifest " + manifest.digest());
    DescriptorJson.checkHeader(root, type, "image manifest");
    List<Descriptor> layers = DescriptorJson.parseList(root, "layers", true);
    Descriptor config = DescriptorJson.parse(OciJson.object(root, "config", "config", true), "config");
    return new ImageManifest(manifest, OciJson.string(root, "artifactType", "artifactType", false), config, layers,
        DescriptorJson.parseSubject(root), OciJson.stringMap(root, "annotations", "annotations"));
  }

  /** A builder of a canonical OCI image manifest. */
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

  /** The {@code artifactType} member, when present. */
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  /** The artifact type as the referrers API reports it: {@code artifactType}, else the config media type. */
  public String effectiveArtifactType() {
    return artifactType != null ? artifactType : config.mediaType();
  }

  public Descriptor config() {
    return config;
  }

  /** Layers in manifest order, possibly empty. */
  public List<Descriptor> layers() {
    return layers;
  }

  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  /** Annotations, possibly empty. */
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public String toString() {
    return "ImageManifest " + manifest;
  }

  /** Builds a canonical image manifest. Config is required. */
  public static final class Builder {
    private String mediaType = MediaTypes.OCI_MANIFEST;
    private String artifactType;
    private Descriptor config;
    private final List<Descriptor> layers = new ArrayList<>();
    private Descriptor subject;
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private Builder() {}

    /** OCI (default) or Docker schema 2 manifest media type. */
    public Builder mediaType(String mediaType) {
      this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
      return this;
    }

    public Builder artifactType(String artifactType) {
      this.artifactType = artifactType;
      return this;
    }

    public Builder config(Descriptor config) {
      this.config = config;
      return this;
    }

    public Builder addLayer(Descriptor layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    public Builder layers(List<Descriptor> layers) {
      this.layers.clear();
      layers.forEach(this::addLayer);
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

    /** Writes the manifest; throws {@link InvalidInputException} when config is missing or fields do not fit. */
    public ImageManifest build() {
      if (!MediaTypes.isImageManifest(mediaType)) {
        throw new InvalidInputException("not an image manifest media type: " + mediaType);
      }
      if (config == null) {
        throw new InvalidInputException("image manifest config is missing");
      }
      if (MediaTypes.DOCKER_MANIFEST.equals(mediaType) && (artifactType != null || subject != null)) {
        throw new InvalidInputException("Docker schema 2 manifests have no artifactType or subject");
      }
      byte[] bytes = OciJson.write(g -> {
        DescriptorJson.writeHead(g, mediaType, artifactType);
        g.writeFieldName("config");
        DescriptorJson.write(g, config, null);
        g.writeArrayFieldStart("layers");
        for (Descriptor d : layers) {
          DescriptorJson.write(g, d, null);
        }
        g.writeEndArray();
        DescriptorJson.writeTail(g, subject, annotations);
      });
      return new ImageManifest(Manifest.of(mediaType, bytes), artifactType, config, layers, subject, annotations);
    }
  }
}
