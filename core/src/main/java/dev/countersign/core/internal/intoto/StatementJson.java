package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.intoto.DigestSet;
import dev.countersign.core.intoto.ResourceDescriptor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes ResourceDescriptor and DigestSet JSON for statements and predicates. */
public final class StatementJson {
  /** Most subjects a statement may carry. */
  public static final int MAX_SUBJECTS = 65536;

  private StatementJson() {}

  /** Reads a digest set object; {@code path} names it in messages. */
  public static DigestSet readDigestSet(JsonNode obj, String path) {
    if (!obj.isObject()) {
      throw new InvalidInputException(path + " must be an object, got " + obj.getNodeType().toString()
          .toLowerCase(java.util.Locale.ROOT));
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException(path + "." + e.getKey() + " must be a string");
      }
      m.put(e.getKey(), DigestNames.checkValue(e.getKey(), e.getValue().textValue(), path));
    }
    return DigestSet.of(m);
  }

  /**
   * Reads a digest set, dropping entries whose value is malformed (for a predicate's dependencies, where a bad
   * entry must not make the whole document unreadable; a dropped entry can never match).
   */
  public static DigestSet readDigestSetLenient(JsonNode obj) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isTextual()) {
        try {
          m.put(e.getKey(), DigestNames.checkValue(e.getKey(), e.getValue().textValue(), "digest"));
        } catch (InvalidInputException ignored) {
          // dropped: see the method's description
        }
      }
    }
    return DigestSet.of(m);
  }

  /** Reads a resource descriptor; other fields are kept. */
  public static ResourceDescriptor readDescriptor(JsonNode obj, String path) {
    return readDescriptor(obj, path, false);
  }

  /** Reads a resource descriptor, with malformed digest entries dropped when {@code lenient}. */
  public static ResourceDescriptor readDescriptor(JsonNode obj, String path, boolean lenient) {
    ResourceDescriptor.Builder b = ResourceDescriptor.builder();
    b.name(StrictJson.string(obj, "name", path + ".name", false));
    b.uri(StrictJson.string(obj, "uri", path + ".uri", false));
    JsonNode digest = StrictJson.object(obj, "digest", path + ".digest", false);
    if (digest != null) {
      b.digest(lenient ? readDigestSetLenient(digest) : readDigestSet(digest, path + ".digest"));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (!k.equals("name") && !k.equals("uri") && !k.equals("digest")) {
        b.field(k, e.getValue());
      }
    }
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(path + ": " + e.getMessage(), e);
    }
  }

  /** A digest set as a JSON object. */
  public static ObjectNode digestSet(DigestSet set) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    set.asMap().forEach(o::put);
    return o;
  }

  /** A resource descriptor as a JSON object: name, uri, digest, then the other fields as read. */
  public static ObjectNode descriptor(ResourceDescriptor d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    d.name().ifPresent(n -> o.put("name", n));
    d.uri().ifPresent(u -> o.put("uri", u));
    if (!d.digest().isEmpty()) {
      o.set("digest", digestSet(d.digest()));
    }
    o.setAll(d.otherFields());
    return o;
  }
}
