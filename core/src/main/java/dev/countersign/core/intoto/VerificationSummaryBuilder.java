package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.intoto.StatementJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a VSA v1 predicate. Verifier id, time, resource URI, policy URI and result are required.
 *
 * <pre>{@code
 * VerificationSummary vsa = VerificationSummary.builder().verifierId("https://countersign.dev/promote/v1")
 *     .timeVerified(Instant.now()).resourceUri("oci://registry.example.com/app@sha256:...")
 *     .policy("https://example.com/policy.yaml", policyDigest).inputAttestation("att.json", envelopeDigest)
 *     .passed(true).verifiedLevel("SLSA_BUILD_LEVEL_2").slsaVersion("1.0").build();
 * }</pre>
 */
public final class VerificationSummaryBuilder {
  private String verifierId;
  private final Map<String, String> verifierVersion = new LinkedHashMap<>();
  private Instant timeVerified;
  private String resourceUri;
  private ResourceDescriptor policy;
  private final List<ResourceDescriptor> inputs = new ArrayList<>();
  private String result;
  private final List<String> levels = new ArrayList<>();
  private final Map<String, Long> dependencyLevels = new LinkedHashMap<>();
  private String slsaVersion;

  VerificationSummaryBuilder() {}

  public VerificationSummaryBuilder verifierId(String id) {
    this.verifierId = Objects.requireNonNull(id, "id");
    return this;
  }

  /** A {@code verifier.version} entry, e.g. {@code countersign -> 1.0.0}. */
  public VerificationSummaryBuilder verifierVersion(String component, String version) {
    verifierVersion.put(Objects.requireNonNull(component, "component"), Objects.requireNonNull(version, "version"));
    return this;
  }

  public VerificationSummaryBuilder timeVerified(Instant time) {
    this.timeVerified = Objects.requireNonNull(time, "time");
    return this;
  }

  public VerificationSummaryBuilder resourceUri(String uri) {
    this.resourceUri = Objects.requireNonNull(uri, "uri");
    return this;
  }

  /** The policy by URI and digest (digest may be null). */
  public VerificationSummaryBuilder policy(String uri, Digest digest) {
    ResourceDescriptor.Builder b = ResourceDescriptor.builder().uri(Objects.requireNonNull(uri, "uri"));
    if (digest != null) {
      b.digest(digest);
    }
    this.policy = b.build();
    return this;
  }

  /** An input attestation by URI and digest (e.g. the envelope's SHA-256). */
  public VerificationSummaryBuilder inputAttestation(String uri, Digest digest) {
    inputs.add(ResourceDescriptor.builder().uri(Objects.requireNonNull(uri, "uri")).digest(digest).build());
    return this;
  }

  /** {@code verificationResult}: PASSED when true, else FAILED. */
  public VerificationSummaryBuilder passed(boolean passed) {
    this.result = passed ? VerificationSummary.PASSED : VerificationSummary.FAILED;
    return this;
  }

  public VerificationSummaryBuilder verifiedLevel(String level) {
    levels.add(Objects.requireNonNull(level, "level"));
    return this;
  }

  public VerificationSummaryBuilder dependencyLevel(String level, long count) {
    if (count < 0) {
      throw new InvalidInputException("dependency level count must not be negative");
    }
    dependencyLevels.put(Objects.requireNonNull(level, "level"), count);
    return this;
  }

  public VerificationSummaryBuilder slsaVersion(String version) {
    this.slsaVersion = version;
    return this;
  }

  public VerificationSummary build() {
    if (verifierId == null || timeVerified == null || resourceUri == null || policy == null || result == null) {
      throw new InvalidInputException("a verification summary needs verifierId, timeVerified, resourceUri, policy "
          + "and a result (passed(...))");
    }
    JsonNodeFactory j = JsonNodeFactory.instance;
    ObjectNode p = j.objectNode();
    ObjectNode verifier = p.putObject("verifier").put("id", verifierId);
    if (!verifierVersion.isEmpty()) {
      ObjectNode v = verifier.putObject("version");
      verifierVersion.forEach(v::put);
    }
    p.put("timeVerified", timeVerified.toString());
    p.put("resourceUri", resourceUri);
    p.set("policy", StatementJson.descriptor(policy));
    ArrayNode in = p.putArray("inputAttestations");
    inputs.forEach(d -> in.add(StatementJson.descriptor(d)));
    p.put("verificationResult", result);
    ArrayNode lv = p.putArray("verifiedLevels");
    levels.forEach(lv::add);
    if (!dependencyLevels.isEmpty()) {
      ObjectNode dl = p.putObject("dependencyLevels");
      // ints where they fit, as a JSON reader makes them, so that a read-back summary equals this one
      dependencyLevels.forEach((k, v) -> dl.set(k, v <= Integer.MAX_VALUE ? j.numberNode(v.intValue()) : j.numberNode(v)));
    }
    if (slsaVersion != null) {
      p.put("slsaVersion", slsaVersion);
    }
    return VerificationSummary.of(p);
  }
}
