package dev.countersign.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts a provenance policy checks, read from a SLSA provenance predicate in v1 or v0.2 shape as real builders
 * emit it, each with the field it came from. v1: GitHub Actions / artifact attestations and slsa-github-generator
 * ({@code externalParameters.workflow.{repository,ref,path}}), Google Cloud Build
 * ({@code externalParameters.buildConfigSource} / {@code sourceToBuild}), and Countersign's generator
 * ({@code externalParameters.source = git+https://host/owner/repo@ref}, {@code externalParameters.entryPoint});
 * the commit is the {@code gitCommit} (or {@code sha1}) digest of the {@code resolvedDependencies} entry for the
 * source repository. v0.2: {@code invocation.configSource.{uri,digest,entryPoint}}, {@code materials},
 * {@code invocation.parameters} as the external parameters, {@code metadata.buildFinishedOn}.
 */
public final class ProvenanceFacts {
  /** SLSA provenance v1. */
  public static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
  /** SLSA provenance v0.2. */
  public static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";

  private final Map<String, Fact> facts = new LinkedHashMap<>();
  private JsonNode externalParameters;

  private ProvenanceFacts() {}

  /** Whether the predicate type is SLSA provenance this class reads. */
  public static boolean isProvenance(String predicateType) {
    return SLSA_V1.equals(predicateType) || SLSA_V02.equals(predicateType);
  }

  /** Reads the facts; fields that are absent stay absent. */
  public static ProvenanceFacts read(String predicateType, JsonNode predicate) {
    ProvenanceFacts f = new ProvenanceFacts();
    if (predicate == null || !predicate.isObject()) {
      return f;
    }
    if (SLSA_V02.equals(predicateType)) {
      ProvenanceV02.read(predicate, f);
    } else {
      ProvenanceV1.read(predicate, f);
    }
    return f;
  }

  /** A fact by name ({@code repository, ref, commit, entryPoint, builderId, buildType, finishedOn, startedOn}). */
  public Fact get(String name) {
    return facts.get(name);
  }

  /** The external parameters object (v0.2: {@code invocation.parameters}), or null. */
  public JsonNode externalParameters() {
    return externalParameters;
  }

  void externalParameters(JsonNode node) {
    externalParameters = node != null && node.isObject() ? node : null;
  }

  /** Records {@code name} from {@code node.at(pointer)} when it is a non-empty string and not yet known. */
  void offer(String name, JsonNode root, String pointer, String shownAs) {
    JsonNode v = root.at(pointer);
    if (v.isTextual() && !v.textValue().isBlank()) {
      offer(name, v.textValue(), shownAs);
    }
  }

  void offer(String name, String value, String shownAs) {
    if (value != null && !value.isBlank()) {
      facts.putIfAbsent(name, new Fact(value, shownAs));
    }
  }

  /** A value and the predicate field it was read from. */
  public static final class Fact {
    private final String value;
    private final String field;

    Fact(String value, String field) {
      this.value = value;
      this.field = field;
    }

    public String value() {
      return value;
    }

    public String field() {
      return field;
    }
  }
}
