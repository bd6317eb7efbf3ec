package dev.countersign.pgp.internal.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How sigs.k8s.io/yaml binds a YAML value to a Go struct field: numbers and bools coerce to text for string
 * fields ({@code 1.0} becomes {@code "1"}), null leaves the field unset, any other type mismatch is an error,
 * object keys match field names case-insensitively and are applied in sorted order.
 */
public final class GoJsonBinding {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GoJsonBinding() {}

  /** An object's entries, keys as JSON keys, sorted as Go's json.Marshal sorts map keys. */
  public static Map<String, Object> object(Object value, String field) {
    if (!(value instanceof Map<?, ?> map)) {
      throw mismatch(value, field, "an object");
    }
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.put(ChartYamlReader.jsonKey(e.getKey(), field), e.getValue());
    }
    return out;
  }

  /** A string field; null when the value is null (field left as it was). */
  public static String string(Object value, String field) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Long || value instanceof BigInteger || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double d) {
      return GoNumbers.formatG(d, 32);
    }
    throw mismatch(value, field, "string");
  }

  /** A bool field; null when the value is null. */
  public static Boolean bool(Object value, String field) {
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw mismatch(value, field, "bool");
  }

  /** A list field's items; null when the value is null. */
  public static List<?> list(Object value, String field) {
    if (value == null || value instanceof List) {
      return (List<?>) value;
    }
    throw mismatch(value, field, "a list");
  }

  /** A {@code []string} field (null items become empty strings); null when the value is null. */
  public static List<String> strings(Object value, String field) {
    List<?> items = list(value, field);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      String s = string(item, field);
      out.add(s == null ? "" : s);
    }
    return out;
  }

  /** An {@code interface{}} value after the JSON round trip: numbers become float64, maps string-keyed. */
  public static JsonNode any(Object value, String field) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof String s) {
      return JSON.textNode(s);
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof Long || value instanceof BigInteger || value instanceof Double) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof List<?> list) {
      ArrayNode a = JSON.arrayNode();
      list.forEach(v -> a.add(any(v, field)));
      return a;
    }
    ObjectNode o = JSON.objectNode();
    object(value, field).forEach((k, v) -> o.set(k, any(v, field)));
    return o;
  }

  private static JsonNode number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new InvalidInputException("Chart.yaml has a number JSON cannot hold (" + d + ")");
    }
    if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
      return JSON.numberNode((long) d);
    }
    return JSON.numberNode(d);
  }

  private static InvalidInputException mismatch(Object value, String field, String expected) {
    String got = value instanceof Map ? "a mapping" : value instanceof List ? "a list" : value == null ? "null"
        : value instanceof String ? "a string" : value instanceof Boolean ? "a bool" : "a number";
    return new InvalidInputException("Chart.yaml field '" + field + "' is " + got + "; expected " + expected);
  }
}
