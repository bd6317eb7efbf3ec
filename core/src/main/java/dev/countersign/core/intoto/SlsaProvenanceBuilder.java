package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.intoto.DigestNames;
import dev.countersign.core.internal.intoto.StatementJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a SLSA provenance v1 predicate in Countersign's convention, which {@link SlsaProvenance} and the policy
 * module read: {@code externalParameters.source = "git+https://host/owner/repo@ref"},
 * {@code externalParameters.entryPoint} = the build command, and a {@code resolvedDependencies} entry with the same
 * URI and {@code digest.gitCommit}. Build type and builder id are required.
 *
 * <pre>{@code
 * SlsaProvenance p = SlsaProvenance.builder()
 *     .buildType("https://ci.example.com/buildtypes/make/v1").builderId("https://ci.example.com/builders/linux@v1")
 *     .source("https://github.com/acme/web", "refs/heads/main", "2ce3f90facdb51aeb950d5bc641e981be61fdf48")
 *     .entryPoint("make image").build();
 * }</pre>
 */
public final class SlsaProvenanceBuilder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private String buildType;
  private String builderId;
  private String sourceUri;
  private String commit;
  private String entryPoint;
  private final ObjectNode external = JSON.objectNode();
  private final ObjectNode internal = JSON.objectNode();
  private final List<ResourceDescriptor> dependencies = new ArrayList<>();
  private String invocationId;
  private Instant startedOn;
  private Instant finishedOn;

  SlsaProvenanceBuilder() {}

  /** {@code buildDefinition.buildType}, a URI naming the build's template. Required. */
  public SlsaProvenanceBuilder buildType(String buildType) {
    this.buildType = Objects.requireNonNull(buildType, "buildType");
    return this;
  }

  /** {@code runDetails.builder.id}, a URI naming the trusted build platform. Required. */
  public SlsaProvenanceBuilder builderId(String builderId) {
    this.builderId = Objects.requireNonNull(builderId, "builderId");
    return this;
  }

  /**
   * The source: repository URI (normalised), ref (e.g. {@code refs/heads/main}; may be null) and commit (40 or 64
   * hex; may be null). Written as {@code externalParameters.source} and, with a commit, a dependency.
   */
  public SlsaProvenanceBuilder source(String repository, String ref, String commit) {
    String repo = SlsaProvenance.normalizeRepository(repository);
    this.sourceUri = "git+" + repo + (ref == null || ref.isBlank() ? "" : "@" + ref.strip());
    this.commit = commit == null ? null : DigestNames.checkValue("gitCommit", commit.strip(), "source commit");
    return this;
  }

  /** {@code externalParameters.entryPoint}: the build command or entry point. */
  public SlsaProvenanceBuilder entryPoint(String entryPoint) {
    this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    return this;
  }

  /** Another external parameter (not {@code source} or {@code entryPoint}, which have their own methods). */
  public SlsaProvenanceBuilder externalParameter(String name, JsonNode value) {
    if ("source".equals(name) || "entryPoint".equals(name)) {
      throw new InvalidInputException("set externalParameters." + name + " with its own builder method");
    }
    external.set(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value").deepCopy());
    return this;
  }

  /** Another external parameter with a string value. */
  public SlsaProvenanceBuilder externalParameter(String name, String value) {
    return externalParameter(name, JSON.textNode(Objects.requireNonNull(value, "value")));
  }

  /** An internal parameter (builder-controlled, e.g. runner details). */
  public SlsaProvenanceBuilder internalParameter(String name, JsonNode value) {
    internal.set(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value").deepCopy());
    return this;
  }

  /** An internal parameter with a string value. */
  public SlsaProvenanceBuilder internalParameter(String name, String value) {
    return internalParameter(name, JSON.textNode(Objects.requireNonNull(value, "value")));
  }

  /** Another resolved dependency (after the source's). */
  public SlsaProvenanceBuilder resolvedDependency(ResourceDescriptor dependency) {
    dependencies.add(Objects.requireNonNull(dependency, "dependency"));
    return this;
  }

  /** {@code runDetails.metadata.invocationId}, e.g. the CI job URL. */
  public SlsaProvenanceBuilder invocationId(String invocationId) {
    this.invocationId = invocationId;
    return this;
  }

  public SlsaProvenanceBuilder startedOn(Instant startedOn) {
    this.startedOn = startedOn;
    return this;
  }

  public SlsaProvenanceBuilder finishedOn(Instant finishedOn) {
    this.finishedOn = finishedOn;
    return this;
  }

  /** The v1 predicate; requires build type and builder id. */
  public SlsaProvenance build() {
    if (buildType == null || buildType.isBlank() || builderId == null || builderId.isBlank()) {
      throw new InvalidInputException("SLSA provenance needs a build type and a builder id");
    }
    if (startedOn != null && finishedOn != null && finishedOn.isBefore(startedOn)) {
      throw new InvalidInputException("finishedOn " + finishedOn + " is before startedOn " + startedOn);
    }
    ObjectNode def = JSON.objectNode().put("buildType", buildType);
    ObjectNode ext = def.putObject("externalParameters");
    if (sourceUri != null) {
      ext.put("source", sourceUri);
    }
    if (entryPoint != null) {
      ext.put("entryPoint", entryPoint);
    }
    ext.setAll(external);
    if (!internal.isEmpty()) {
      def.set("internalParameters", internal.deepCopy());
    }
    ArrayNode deps = JSON.arrayNode();
    if (sourceUri != null && commit != null) {
      deps.add(JSON.objectNode().put("uri", sourceUri).set("digest", JSON.objectNode().put("gitCommit", commit)));
    }
    dependencies.forEach(d -> deps.add(StatementJson.descriptor(d)));
    if (!deps.isEmpty()) {
      def.set("resolvedDependencies", deps);
    }
    ObjectNode run = JSON.objectNode();
    run.putObject("builder").put("id", builderId);
    if (invocationId != null || startedOn != null || finishedOn != null) {
      ObjectNode meta = run.putObject("metadata");
      if (invocationId != null) {
        meta.put("invocationId", invocationId);
      }
      if (startedOn != null) {
        meta.put("startedOn", startedOn.toString());
      }
      if (finishedOn != null) {
        meta.put("finishedOn", finishedOn.toString());
      }
    }
    ObjectNode p = JSON.objectNode();
    p.set("buildDefinition", def);
    p.set("runDetails", run);
    return SlsaProvenance.of(PredicateTypes.SLSA_PROVENANCE_V1, p);
  }
}
