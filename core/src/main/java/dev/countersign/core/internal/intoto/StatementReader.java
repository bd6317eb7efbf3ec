package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.ResourceDescriptor;
import dev.countersign.core.intoto.StatementVersion;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes in-toto Statement JSON (v1 and v0.1) and checks a statement's fields. */
public final class StatementReader {
  private static final Set<String> KNOWN = Set.of("_type", "subject", "predicateType", "predicate");

  private StatementReader() {}

  /** Reads a parsed statement object. */
  public static InTotoStatement read(JsonNode obj) {
    String type = StrictJson.string(obj, "_type", "statement._type", true);
    InTotoStatement.Builder b = InTotoStatement.builder().version(StatementVersion.ofUri(type));
    JsonNode subjects = StrictJson.array(obj, "subject", "statement.subject", true);
    if (subjects.size() > StatementJson.MAX_SUBJECTS) {
      throw new InvalidInputException("statement.subject has " + subjects.size() + " entries; at most "
          + StatementJson.MAX_SUBJECTS + " are accepted");
    }
    for (int i = 0; i < subjects.size(); i++) {
      b.subject(StatementJson.readDescriptor(StrictJson.element(subjects, i, "statement.subject"),
          "statement.subject[" + i + "]"));
    }
    String predicateType = StrictJson.string(obj, "predicateType", "statement.predicateType", true);
    b.predicate(predicateType, StrictJson.member(obj, "predicate"));
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KNOWN.contains(e.getKey())) {
        b.field(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  /** Checks what every statement needs; {@code path} names it in messages. */
  public static void validate(List<ResourceDescriptor> subjects, String predicateType, JsonNode predicate,
      String path) {
    if (subjects.isEmpty()) {
      throw new InvalidInputException(path + " has no subject");
    }
    for (int i = 0; i < subjects.size(); i++) {
      if (subjects.get(i).digest().isEmpty()) {
        throw new InvalidInputException(path + ".subject[" + i + "] has no digest");
      }
    }
    if (predicateType == null || predicateType.isBlank()) {
      throw new InvalidInputException(path + ".predicateType is missing");
    }
    if (predicate != null && !predicate.isObject() && !predicate.isTextual()) {
      throw new InvalidInputException(path + ".predicate must be an object (or a JSON document as a string), got "
          + predicate.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Refuses to set a field the statement defines through {@code field(...)}. */
  public static void checkExtraField(String field) {
    if (field == null || KNOWN.contains(field)) {
      throw new InvalidInputException("statement field '" + field + "' is set with its own builder method");
    }
  }

  /** The statement as a JSON object. */
  public static ObjectNode write(InTotoStatement s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("_type", s.type());
    var arr = o.putArray("subject");
    for (ResourceDescriptor d : s.subjects()) {
      arr.add(StatementJson.descriptor(d));
    }
    o.put("predicateType", s.predicateType());
    JsonNode p = s.predicate();
    if (!p.isNull()) {
      o.set("predicate", p);
    }
    o.setAll(s.otherFields());
    return o;
  }
}
