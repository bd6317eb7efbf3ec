package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.ResourceDescriptor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads SLSA provenance v1, v0.2 and v0.1 into one set of fields, the way real builders write them (see
 * {@link V1Source} for where v1 builders put the source). v0.2: {@code invocation.configSource.{uri, digest.sha1,
 * entryPoint}}, else the first {@code git+} material; v0.1: {@code recipe.{type, entryPoint, definedInMaterial}}.
 */
public final class ProvenanceReader {
  private ProvenanceReader() {}

  /** Extracts the fields; throws {@link InvalidInputException} for a predicate that is not provenance. */
  public static ProvenanceFields read(String predicateType, JsonNode p) {
    if (p == null || !p.isObject()) {
      throw new InvalidInputException("SLSA provenance predicate must be an object");
    }
    switch (predicateType) {
      case PredicateTypes.SLSA_PROVENANCE_V1:
        return v1(p);
      case PredicateTypes.SLSA_PROVENANCE_V02:
        return v02(p);
      case PredicateTypes.SLSA_PROVENANCE_V01:
        return v01(p);
      default:
        throw new InvalidInputException("predicate type " + predicateType + " is not SLSA provenance (v1, v0.2 or "
            + "v0.1)");
    }
  }

  private static ProvenanceFields v1(JsonNode p) {
    JsonNode def = StrictJson.object(p, "buildDefinition", "predicate.buildDefinition", true);
    JsonNode run = StrictJson.object(p, "runDetails", "predicate.runDetails", true);
    String buildType = StrictJson.string(def, "buildType", "predicate.buildDefinition.buildType", true);
    JsonNode ext = orEmpty(StrictJson.object(def, "externalParameters",
        "predicate.buildDefinition.externalParameters", true));
    JsonNode internal = orEmpty(StrictJson.object(def, "internalParameters",
        "predicate.buildDefinition.internalParameters", false));
    List<ResourceDescriptor> deps = Dependencies.read(StrictJson.array(def, "resolvedDependencies",
        "predicate.buildDefinition.resolvedDependencies", false), "predicate.buildDefinition.resolvedDependencies");
    JsonNode builder = StrictJson.object(run, "builder", "predicate.runDetails.builder", true);
    String builderId = StrictJson.string(builder, "id", "predicate.runDetails.builder.id", true);
    JsonNode meta = StrictJson.object(run, "metadata", "predicate.runDetails.metadata", false);
    V1Source.Found src = V1Source.find(ext, deps);
    return new ProvenanceFields(builderId, buildType, ext, internal, deps, src.uri(), src.repository(), src.ref(),
        src.commit(), src.entryPoint(), meta == null ? null : StrictJson.string(meta, "invocationId",
        "predicate.runDetails.metadata.invocationId", false),
        time(meta, "startedOn", "predicate.runDetails.metadata"),
        time(meta, "finishedOn", "predicate.runDetails.metadata"));
  }

  private static ProvenanceFields v02(JsonNode p) {
    String buildType = StrictJson.string(p, "buildType", "predicate.buildType", true);
    JsonNode builder = StrictJson.object(p, "builder", "predicate.builder", true);
    String builderId = StrictJson.string(builder, "id", "predicate.builder.id", true);
    JsonNode inv = StrictJson.object(p, "invocation", "predicate.invocation", false);
    JsonNode config = inv == null ? null : StrictJson.object(inv, "configSource",
        "predicate.invocation.configSource", false);
    JsonNode params = inv == null ? null : StrictJson.member(inv, "parameters");
    JsonNode env = inv == null ? null : StrictJson.member(inv, "environment");
    List<ResourceDescriptor> deps = Dependencies.read(StrictJson.array(p, "materials", "predicate.materials", false),
        "predicate.materials");
    String uri = null;
    String commit = null;
    String entryPoint = null;
    if (config != null) {
      uri = StrictJson.string(config, "uri", "predicate.invocation.configSource.uri", false);
      entryPoint = StrictJson.string(config, "entryPoint", "predicate.invocation.configSource.entryPoint", false);
      JsonNode digest = StrictJson.object(config, "digest", "predicate.invocation.configSource.digest", false);
      commit = digest == null ? null : Dependencies.commit(
          StatementJson.readDigestSetLenient(digest));
    }
    if (uri == null) {
      ResourceDescriptor git = Dependencies.firstGit(deps);
      if (git != null) {
        uri = git.uri().orElse(null);
      }
    }
    if (commit == null && uri != null) {
      commit = Dependencies.commitFor(deps, uri);
    }
    JsonNode meta = StrictJson.object(p, "metadata", "predicate.metadata", false);
    SourceUris.Source s = SourceUris.parse(uri);
    return new ProvenanceFields(builderId, buildType, orEmpty(params), orEmpty(env), deps, uri,
        s == null ? null : s.repository(), s == null ? null : s.ref(), commit, entryPoint,
        meta == null ? null : StrictJson.string(meta, "buildInvocationId", "predicate.metadata.buildInvocationId",
            false), time(meta, "buildStartedOn", "predicate.metadata"),
        time(meta, "buildFinishedOn", "predicate.metadata"));
  }

  private static ProvenanceFields v01(JsonNode p) {
    JsonNode recipe = StrictJson.object(p, "recipe", "predicate.recipe", true);
    String buildType = StrictJson.string(recipe, "type", "predicate.recipe.type", true);
    String builderId = StrictJson.string(StrictJson.object(p, "builder", "predicate.builder", true), "id",
        "predicate.builder.id", true);
    List<ResourceDescriptor> deps = Dependencies.read(StrictJson.array(p, "materials", "predicate.materials", false),
        "predicate.materials");
    long index = StrictJson.int64(recipe, "definedInMaterial", "predicate.recipe.definedInMaterial", false, -1);
    ResourceDescriptor defined = index >= 0 && index < deps.size() ? deps.get((int) index) : null;
    String uri = defined == null ? null : defined.uri().orElse(null);
    SourceUris.Source s = SourceUris.parse(uri);
    JsonNode meta = StrictJson.object(p, "metadata", "predicate.metadata", false);
    return new ProvenanceFields(builderId, buildType, orEmpty(StrictJson.member(recipe, "arguments")),
        orEmpty(StrictJson.member(recipe, "environment")), deps, uri, s == null ? null : s.repository(),
        s == null ? null : s.ref(), defined == null ? null : Dependencies.commit(defined.digest()),
        StrictJson.string(recipe, "entryPoint", "predicate.recipe.entryPoint", false),
        meta == null ? null : StrictJson.string(meta, "buildInvocationId", "predicate.metadata.buildInvocationId",
            false), time(meta, "buildStartedOn", "predicate.metadata"),
        time(meta, "buildFinishedOn", "predicate.metadata"));
  }

  private static JsonNode orEmpty(JsonNode n) {
    return n == null ? JsonNodeFactory.instance.objectNode() : n;
  }

  /** An RFC 3339 timestamp member; null when absent. */
  public static Instant time(JsonNode obj, String field, String path) {
    if (obj == null) {
      return null;
    }
    String s = StrictJson.string(obj, field, path + "." + field, false);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(path + "." + field + " is not an RFC 3339 timestamp: '"
          + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'");
    }
  }
}
