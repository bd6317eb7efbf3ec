package dev.countersign.oci.internal.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes OCI descriptors and platforms, in one fixed member order. */
public final class DescriptorJson {
  private DescriptorJson() {}

  /** Parses the descriptor object {@code node}; {@code path} names it in messages. */
  public static Descriptor parse(JsonNode node, String path) {
    String mediaType = OciJson.string(node, "mediaType", path + ".mediaType", true);
    if (mediaType.isBlank()) {
      throw new InvalidInputException(path + ".mediaType is empty");
    }
    String digestText = OciJson.string(node, "digest", path + ".digest", true);
    Digest digest;
    try {
      digest = Digest.parse(digestText);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(path + ".digest: " + e.getMessage(), e);
    }
    long size = OciJson.nonNegativeLong(node, "size", path + ".size", true, 0);
    String artifactType = OciJson.string(node, "artifactType", path + ".artifactType", false);
    return Descriptor.builder().mediaType(mediaType).digest(digest).size(size)
        .annotations(OciJson.stringMap(node, "annotations", path + ".annotations"))
        .artifactType(artifactType).build();
  }

  /** Parses an array member of descriptors; empty when absent and not required. */
  public static List<Descriptor> parseList(JsonNode obj, String field, boolean required) {
    JsonNode arr = OciJson.array(obj, field, field, required);
    List<Descriptor> out = new ArrayList<>(arr == null ? 0 : arr.size());
    if (arr != null) {
      for (int i = 0; i < arr.size(); i++) {
        out.add(parse(OciJson.element(arr, i, field), field + "[" + i + "]"));
      }
    }
    return out;
  }

  /** Parses a platform object. */
  public static Platform parsePlatform(JsonNode node, String path) {
    String arch = OciJson.string(node, "architecture", path + ".architecture", true);
    String os = OciJson.string(node, "os", path + ".os", true);
    String variant = OciJson.string(node, "variant", path + ".variant", false);
    String osVersion = OciJson.string(node, "os.version", path + ".os.version", false);
    JsonNode features = OciJson.array(node, "os.features", path + ".os.features", false);
    List<String> osFeatures = new ArrayList<>();
    if (features != null) {
      for (int i = 0; i < features.size(); i++) {
        if (!features.get(i).isTextual()) {
          throw OciJson.wrongType(path + ".os.features[" + i + "]", "a string", features.get(i));
        }
        osFeatures.add(features.get(i).textValue());
      }
    }
    return Platform.builder().architecture(arch).os(os).variant(variant).osVersion(osVersion)
        .osFeatures(osFeatures).build();
  }

  /** Writes a descriptor: mediaType, digest, size, artifactType, annotations (sorted), platform. */
  public static void write(JsonGenerator g, Descriptor d, Platform platform) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", d.mediaType());
    g.writeStringField("digest", d.digest().toString());
    g.writeNumberField("size", d.size());
    if (d.artifactType().isPresent()) {
      g.writeStringField("artifactType", d.artifactType().get());
    }
    if (!d.annotations().isEmpty()) {
      g.writeFieldName("annotations");
      OciJson.writeSortedMap(g, d.annotations());
    }
    if (platform != null) {
      g.writeFieldName("platform");
      writePlatform(g, platform);
    }
    g.writeEndObject();
  }

  private static void writePlatform(JsonGenerator g, Platform p) throws IOException {
    g.writeStartObject();
    g.writeStringField("architecture", p.architecture());
    g.writeStringField("os", p.os());
    if (p.osVersion().isPresent()) {
      g.writeStringField("os.version", p.osVersion().get());
    }
    if (!p.osFeatures().isEmpty()) {
      g.writeArrayFieldStart("os.features");
      for (String f : p.osFeatures()) {
        g.writeString(f);
      }
      g.writeEndArray();
    }
    if (p.variant().isPresent()) {
      g.writeStringField("variant", p.variant().get());
    }
    g.writeEndObject();
  }

  /** The optional {@code subject} member of a manifest or index. */
  public static Descriptor parseSubject(JsonNode root) {
    JsonNode node = OciJson.object(root, "subject", "subject", false);
    return node == null ? null : parse(node, "subject");
  }

  /** Opens a manifest or index: schemaVersion 2, mediaType and (when not null) artifactType. */
  public static void writeHead(JsonGenerator g, String mediaType, String artifactType) throws IOException {
    g.writeStartObject();
    g.writeNumberField("schemaVersion", 2);
    g.writeStringField("mediaType", mediaType);
    if (artifactType != null) {
      g.writeStringField("artifactType", artifactType);
    }
  }

  /** Closes a manifest or index after writing its optional subject and (sorted) annotations. */
  public static void writeTail(JsonGenerator g, Descriptor subject, Map<String, String> annotations)
      throws IOException {
    if (subject != null) {
      g.writeFieldName("subject");
      write(g, subject, null);
    }
    if (!annotations.isEmpty()) {
      g.writeFieldName("annotations");
      OciJson.writeSortedMap(g, annotations);
    }
    g.writeEndObject();
  }

  /** Checks {@code schemaVersion} is the integer 2 and the optional {@code mediaType} member agrees. */
  public static void checkHeader(JsonNode root, String mediaType, String what) {
    JsonNode v = OciJson.member(root, "schemaVersion");
    if (v == null) {
      throw new InvalidInputException(what + " schemaVersion is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != 2) {
      throw new InvalidInputException(what + " schemaVersion must be 2, got " + abbreviate(v.toString()));
    }
    String declared = OciJson.string(root, "mediaType", "mediaType", false);
    if (declared != null && !declared.equals(mediaType)) {
      throw new InvalidInputException(what + " declares mediaType " + abbreviate(declared) + " but was read as "
          + mediaType);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
