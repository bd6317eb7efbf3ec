package dev.countersign.oci.internal.signature;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes OCI image manifests, indexes and the empty signature config as compact JSON (annotations sorted). */
public final class ManifestWriter {
  private ManifestWriter() {}

  /** An OCI image manifest; {@code artifactType}, {@code subject} and {@code annotations} are optional. */
  public static byte[] imageManifest(String artifactType, Descriptor config, List<Descriptor> layers,
      Descriptor subject, Map<String, String> annotations) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 2);
      g.writeStringField("mediaType", MediaTypes.OCI_MANIFEST);
      if (artifactType != null) {
        g.writeStringField("artifactType", artifactType);
      }
      g.writeFieldName("config");
      descriptor(g, config);
      g.writeArrayFieldStart("layers");
      for (Descriptor d : layers) {
        descriptor(g, d);
      }
      g.writeEndArray();
      if (subject != null) {
        g.writeFieldName("subject");
        descriptor(g, Descriptor.of(subject.mediaType(), subject.digest(), subject.size()));
      }
      annotations(g, annotations);
      g.writeEndObject();
    });
  }

  /** An OCI index of {@code manifests} (the referrers tag schema's fallback index). */
  public static byte[] index(List<Descriptor> manifests) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 2);
      g.writeStringField("mediaType", MediaTypes.OCI_INDEX);
      g.writeArrayFieldStart("manifests");
      for (Descriptor d : manifests) {
        descriptor(g, d);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * The image config cosign writes for a {@code .sig} manifest: empty fields, the zero time, one history entry
   * and one {@code rootfs.diff_ids} entry per layer (the layer digests).
   */
  public static byte[] signatureConfig(List<Descriptor> layers) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("architecture", "");
      g.writeStringField("created", "0001-01-01T00:00:00Z");
      g.writeArrayFieldStart("history");
      for (int i = 0; i < layers.size(); i++) {
        g.writeStartObject();
        g.writeStringField("created", "0001-01-01T00:00:00Z");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("os", "");
      g.writeObjectFieldStart("rootfs");
      g.writeStringField("type", "layers");
      g.writeArrayFieldStart("diff_ids");
      for (Descriptor d : layers) {
        g.writeString(d.digest().toString());
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("config");
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static void descriptor(JsonGenerator g, Descriptor d) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", d.mediaType());
    g.writeNumberField("size", d.size());
    g.writeStringField("digest", d.digest().toString());
    annotations(g, d.annotations());
    if (d.artifactType().isPresent()) {
      g.writeStringField("artifactType", d.artifactType().get());
    }
    g.writeEndObject();
  }

  private static void annotations(JsonGenerator g, Map<String, String> annotations) throws IOException {
    if (annotations == null || annotations.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("annotations");
    for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
