package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.intoto.VsaReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SLSA Verification Summary Attestation v1 predicate ({@code https://slsa.dev/verification_summary/v1}): who
 * verified ({@code verifier.id}), when, which resource ({@code resourceUri}), against which policy
 * ({@code policy.uri}, {@code policy.digest}), from which attestations ({@code inputAttestations}), the result
 * ({@code PASSED}/{@code FAILED}) and the levels verified. Read from JSON (fields this class does not model are
 * kept) or written with {@link #builder()}.
 */
public final class VerificationSummary implements Predicate {
  /** {@code verificationResult} value of a passed verification. */
  public static final String PASSED = "PASSED";
  /** {@code verificationResult} value of a failed verification. */
  public static final String FAILED = "FAILED";

  private final ObjectNode json;
  private final VsaReader.Fields f;

  private VerificationSummary(ObjectNode json) {
    this.f = VsaReader.read(json);
    this.json = json.deepCopy();
  }

  /** The VSA of a statement; {@link InvalidInputException} unless its predicate type is VSA v1. */
  public static VerificationSummary from(InTotoStatement statement) {
    if (!PredicateTypes.SLSA_VSA_V1.equals(statement.predicateType())) {
      throw new InvalidInputException("predicate type " + statement.predicateType() + " is not "
          + PredicateTypes.SLSA_VSA_V1);
    }
    return of(statement.predicate());
  }

  /** A VSA v1 predicate from its JSON. */
  public static VerificationSummary of(JsonNode predicate) {
    if (predicate == null || !predicate.isObject()) {
      throw new InvalidInputException("verification summary predicate must be an object");
    }
    return new VerificationSummary((ObjectNode) predicate);
  }

  public static VerificationSummaryBuilder builder() {
    return new VerificationSummaryBuilder();
  }

  @Override
  public String predicateType() {
    return PredicateTypes.SLSA_VSA_V1;
  }

  @Override
  public JsonNode toJson() {
    return json.deepCopy();
  }

  /** {@code verifier.id}. */
  public String verifierId() {
    return f.verifierId();
  }

  /** {@code verifier.version}: component name to version. */
  public Map<String, String> verifierVersion() {
    return f.verifierVersion();
  }

  public Instant timeVerified() {
    return f.timeVerified();
  }

  public String resourceUri() {
    return f.resourceUri();
  }

  /** {@code policy}: uri and, when given, digest. */
  public ResourceDescriptor policy() {
    return f.policy();
  }

  public List<ResourceDescriptor> inputAttestations() {
    return f.inputAttestations();
  }

  /** {@code PASSED} or {@code FAILED}. */
  public String verificationResult() {
    return f.verificationResult();
  }

  /** True when {@link #verificationResult()} is {@code PASSED}. */
  public boolean passed() {
    return PASSED.equals(f.verificationResult());
  }

  /** e.g. {@code [SLSA_BUILD_LEVEL_3]}. */
  public List<String> verifiedLevels() {
    return f.verifiedLevels();
  }

  /** {@code dependencyLevels}: level to count of dependencies verified at that level. */
  public Map<String, Long> dependencyLevels() {
    return f.dependencyLevels();
  }

  /** {@code slsaVersion}, e.g. {@code 1.0}. */
  public Optional<String> slsaVersion() {
    return Optional.ofNullable(f.slsaVersion());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationSummary && json.equals(((VerificationSummary) o).json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(json);
  }

  @Override
  public String toString() {
    return "VerificationSummary{" + f.verificationResult() + ", verifier=" + f.verifierId() + ", resource="
        + f.resourceUri() + ", levels=" + f.verifiedLevels() + "}";
  }
}
