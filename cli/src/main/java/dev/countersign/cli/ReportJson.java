package dev.countersign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;

/**
 * {@code --output json}: {@code {"subject", "verified", "checks": [{"name", "status", "expected"?, "actual"?,
 * "detail"?}]}}.
 */
final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportJson() {}

  static String write(VerificationReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("subject", report.subject());
    root.put("verified", report.passed());
    ArrayNode checks = root.putArray("checks");
    for (VerificationCheck c : report.checks()) {
      ObjectNode n = checks.addObject();
      n.put("name", c.name());
      n.put("status", c.status().name());
      c.expected().ifPresent(v -> n.put("expected", v));
      c.actual().ifPresent(v -> n.put("actual", v));
      c.detail().ifPresent(v -> n.put("detail", v));
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise report", e);
    }
  }
}
