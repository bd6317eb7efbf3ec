package dev.countersign.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a JSON tree to the values CEL's Java runtime expects for {@code dyn}: objects become maps with string
 * keys, arrays lists, strings strings, integral numbers that fit in a long {@code Long}, other numbers
 * {@code Double}, booleans {@code Boolean} and JSON null CEL's {@code null}. The result is unmodifiable.
 */
public final class CelValues {
  private CelValues() {}

  public static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    switch (node.getNodeType()) {
      case OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          map.put(e.getKey(), of(e.getValue()));
        }
        return Collections.unmodifiableMap(map);
      }
      case ARRAY: {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(of(item)));
        return Collections.unmodifiableList(list);
      }
      case STRING:
        return node.textValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue()
            : (Object) node.doubleValue();
      default:
        return node.asText();
    }
  }
}
