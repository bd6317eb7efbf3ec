package dev.countersign.oci.internal.signature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.manifest.OciJson;
import dev.countersign.oci.signature.SimpleSigningPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes and strictly reads cosign simple-signing payloads (the rules containers/image applies). */
public final class PayloadCodec {
  /** The fields a parsed payload carries. */
  public record Parsed(String dockerReference, Digest manifestDigest, Map<String, String> annotations) {}

  private PayloadCodec() {}

  /** Compact JSON in cosign's field order; annotations sorted by key as Go sorts map keys. */
  public static byte[] write(String dockerReference, Digest digest, Map<String, String> annotations) {
    if (dockerReference == null || dockerReference.isBlank()) {
      throw new InvalidInputException("docker reference for the signature payload is missing");
    }
    StringBuilder s = new StringBuilder(256);
    s.append("{\"critical\":{\"identity\":{\"docker-reference\":");
    GoJson.appendString(s, dockerReference, "docker reference");
    s.append("},\"image\":{\"docker-manifest-digest\":");
    GoJson.appendString(s, digest.toString(), "digest");
    s.append("},\"type\":");
    GoJson.appendString(s, SimpleSigningPayload.TYPE, "type");
    s.append("},\"optional\":");
    if (annotations.isEmpty()) {
      s.append("null");
    } else {
      List<String> keys = new ArrayList<>(annotations.keySet());
      keys.sort(GoJson::compareUtf8);
      s.append('{');
      for (int i = 0; i < keys.size(); i++) {
        String k = keys.get(i);
        if (k.isEmpty()) {
          throw new InvalidInputException("annotation key is empty");
        }
        s.append(i == 0 ? "" : ",");
        GoJson.appendString(s, k, "annotation key");
        s.append(':');
        GoJson.appendString(s, annotations.get(k), "annotation '" + k + "'");
      }
      s.append('}');
    }
    s.append('}');
    byte[] out = s.toString().getBytes(StandardCharsets.UTF_8);
    if (out.length > SimpleSigningPayload.MAX_BYTES) {
      throw new InvalidInputException("signature payload of " + out.length + " bytes exceeds the "
          + SimpleSigningPayload.MAX_BYTES + "-byte limit");
    }
    return out;
  }

  /** Parses and checks a payload; every problem is an {@link InvalidInputException} naming the field. */
  public static Parsed parse(byte[] json) {
    JsonNode root = OciJson.parseObject(json, SimpleSigningPayload.MAX_BYTES, "signature payload");
    exactKeys(root, "payload", Set.of("critical", "optional"));
    JsonNode optional = root.get("optional");
    Map<String, String> annotations = Map.of();
    if (!optional.isNull()) {
      if (!optional.isObject()) {
        throw OciJson.wrongType("payload 'optional'", "an object or null", optional);
      }
      annotations = annotations(optional);
    }
    JsonNode critical = object(root.get("critical"), "critical");
    exactKeys(critical, "critical", Set.of("identity", "image", "type"));
    String type = text(critical.get("type"), "critical.type");
    if (!SimpleSigningPayload.TYPE.equals(type)) {
      throw new InvalidInputException("payload critical.type: expected '" + SimpleSigningPayload.TYPE + "', got '"
          + abbreviate(type) + "'");
    }
    JsonNode image = object(critical.get("image"), "critical.image");
    exactKeys(image, "critical.image", Set.of("docker-manifest-digest"));
    String digestText = text(image.get("docker-manifest-digest"), "critical.image.docker-manifest-digest");
    Digest digest;
    try {
      digest = Digest.parse(digestText);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("payload critical.image.docker-manifest-digest: " + e.getMessage(), e);
    }
    JsonNode identity = object(critical.get("identity"), "critical.identity");
    exactKeys(identity, "critical.identity", Set.of("docker-reference"));
    String ref = text(identity.get("docker-reference"), "critical.identity.docker-reference");
    return new Parsed(ref, digest, annotations);
  }

  private static Map<String, String> annotations(JsonNode optional) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = optional.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      // containers/image types these two when present.
      if (e.getKey().equals("creator") && !v.isTextual()) {
        throw OciJson.wrongType("payload optional.creator", "a string", v);
      }
      if (e.getKey().equals("timestamp") && !v.isNumber()) {
        throw OciJson.wrongType("payload optional.timestamp", "a number", v);
      }
      if (v.isTextual()) {
        out.put(e.getKey(), v.textValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static void exactKeys(JsonNode node, String where, Set<String> expected) {
    List<String> extra = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!expected.contains(k)) {
        extra.add(abbreviate(k));
      }
    }
    if (!extra.isEmpty()) {
      throw new InvalidInputException(where + " has unexpected key(s) " + extra + "; allowed: "
          + new java.util.TreeSet<>(expected));
    }
    for (String k : new java.util.TreeSet<>(expected)) {
      if (!node.has(k)) {
        throw new InvalidInputException(where + " is missing '" + k + "'");
      }
    }
  }

  private static JsonNode object(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw OciJson.wrongType("payload " + where, "an object", n);
    }
    return n;
  }

  private static String text(JsonNode n, String where) {
    if (n == null || !n.isTextual()) {
      throw OciJson.wrongType("payload " + where, "a string", n);
    }
    return n.textValue();
  }

  static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
