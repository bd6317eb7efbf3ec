package dev.countersign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.VerificationCheck;
import dev.countersign.oci.signature.FoundSignature;
import dev.countersign.oci.signature.ImageVerificationResult;
import java.util.Locale;

/** {@code verify --output json}: the image, the resolved digest, and every signature found with its checks. */
final class ImageResultJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ImageResultJson() {}

  static String write(ImageVerificationResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("reference", result.reference());
    result.digest().ifPresent(d -> root.put("digest", d.toString()));
    root.put("verified", result.passed());
    result.reason().ifPresent(r -> root.put("reason", r));
    ArrayNode sigs = root.putArray("signatures");
    for (FoundSignature s : result.signatures()) {
      ObjectNode n = sigs.addObject();
      n.put("format", s.format().name().toLowerCase(Locale.ROOT));
      n.put("subject", s.subject().toString());
      n.put("location", s.location());
      n.put("status", s.status().name());
      s.keyId().ifPresent(k -> n.put("keyId", k.value()));
      s.reason().ifPresent(r -> n.put("reason", r));
      ArrayNode checks = n.putArray("checks");
      for (VerificationCheck c : s.report().checks()) {
        ObjectNode cn = checks.addObject();
        cn.put("name", c.name());
        cn.put("status", c.status().name());
        c.expected().ifPresent(v -> cn.put("expected", v));
        c.actual().ifPresent(v -> cn.put("actual", v));
        c.detail().ifPresent(v -> cn.put("detail", v));
      }
    }
    ArrayNode notes = root.putArray("notes");
    result.notes().forEach(notes::add);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise result", e);
    }
  }
}
