package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.intoto.ResourceDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fields of a VSA v1 predicate strictly (required: verifier.id, timeVerified, resourceUri, policy, result). */
public final class VsaReader {
  /** The VSA fields. */
  public record Fields(String verifierId, Map<String, String> verifierVersion, Instant timeVerified,
      String resourceUri, ResourceDescriptor policy, List<ResourceDescriptor> inputAttestations,
      String verificationResult, List<String> verifiedLevels, Map<String, Long> dependencyLevels,
      String slsaVersion) {}

  private VsaReader() {}

  public static Fields read(JsonNode p) {
    JsonNode verifier = StrictJson.object(p, "verifier", "predicate.verifier", true);
    String id = StrictJson.string(verifier, "id", "predicate.verifier.id", true);
    Map<String, String> version = new LinkedHashMap<>();
    JsonNode v = StrictJson.object(verifier, "version", "predicate.verifier.version", false);
    if (v != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        version.put(e.getKey(), StrictJson.string(v, e.getKey(), "predicate.verifier.version." + e.getKey(), true));
      }
    }
    Instant time = ProvenanceReader.time(p, "timeVerified", "predicate");
    if (time == null) {
      throw new InvalidInputException("predicate.timeVerified is missing");
    }
    String resource = StrictJson.string(p, "resourceUri", "predicate.resourceUri", true);
    ResourceDescriptor policy = StatementJson.readDescriptor(StrictJson.object(p, "policy", "predicate.policy", true),
        "predicate.policy");
    List<ResourceDescriptor> inputs = new ArrayList<>();
    JsonNode arr = StrictJson.array(p, "inputAttestations", "predicate.inputAttestations", false);
    for (int i = 0; arr != null && i < arr.size(); i++) {
      inputs.add(StatementJson.readDescriptor(StrictJson.element(arr, i, "predicate.inputAttestations"),
          "predicate.inputAttestations[" + i + "]"));
    }
    String result = StrictJson.string(p, "verificationResult", "predicate.verificationResult", true);
    if (!result.equals("PASSED") && !result.equals("FAILED")) {
      throw new InvalidInputException("predicate.verificationResult must be PASSED or FAILED, got '" + result + "'");
    }
    List<String> levels = new ArrayList<>();
    JsonNode lv = StrictJson.array(p, "verifiedLevels", "predicate.verifiedLevels", false);
    for (int i = 0; lv != null && i < lv.size(); i++) {
      if (!lv.get(i).isTextual()) {
        throw new InvalidInputException("predicate.verifiedLevels[" + i + "] must be a string");
      }
      levels.add(lv.get(i).textValue());
    }
    Map<String, Long> deps = new LinkedHashMap<>();
    JsonNode dl = StrictJson.object(p, "dependencyLevels", "predicate.dependencyLevels", false);
    if (dl != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = dl.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        long n = StrictJson.int64(dl, e.getKey(), "predicate.dependencyLevels." + e.getKey(), true, 0);
        if (n < 0) {
          throw new InvalidInputException("predicate.dependencyLevels." + e.getKey() + " is negative");
        }
        deps.put(e.getKey(), n);
      }
    }
    return new Fields(id, Collections.unmodifiableMap(version), time, resource, policy, List.copyOf(inputs), result,
        List.copyOf(levels), Collections.unmodifiableMap(deps),
        StrictJson.string(p, "slsaVersion", "predicate.slsaVersion", false));
  }
}
