package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A chart maintainer from {@code Chart.yaml} ({@code maintainers:} items); empty strings stand for absent fields,
 * as in Helm's {@code chart.Maintainer}.
 *
 * @param name a user or organisation name
 * @param email a contact address
 * @param url a contact URL
 */
public record ChartMaintainer(String name, String email, String url) {
  /** Validates that no field is null (use empty strings). */
  public ChartMaintainer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(url, "url");
  }

  /** Helm's JSON shape: {@code name}, {@code email}, {@code url}, each omitted when empty. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    putIfSet(o, "name", name);
    putIfSet(o, "email", email);
    putIfSet(o, "url", url);
    return o;
  }

  static void putIfSet(ObjectNode o, String field, String value) {
    if (!value.isEmpty()) {
      o.put(field, value);
    }
  }
}
