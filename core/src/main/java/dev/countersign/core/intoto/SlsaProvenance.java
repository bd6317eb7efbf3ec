package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.intoto.ProvenanceFields;
import dev.countersign.core.internal.intoto.ProvenanceReader;
import dev.countersign.core.internal.intoto.SourceUris;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SLSA provenance predicate, read from v1 ({@code https://slsa.dev/provenance/v1}), v0.2 or v0.1 with one set of
 * accessors, and written as v1 by {@link #builder()}. The source, ref, commit and entry point are found where real
 * builders put them: Countersign's {@link ProvenanceGenerator} and GitLab ({@code externalParameters.source}),
 * GitHub Actions, GitHub artifact attestations and npm ({@code externalParameters.workflow}), Google Cloud Build
 * ({@code externalParameters.buildConfigSource}), slsa-github-generator (v0.2 {@code invocation.configSource};
 * v1 {@code source} descriptor or {@code resolvedDependencies}); the commit is the {@code gitCommit} (or
 * {@code sha1}) of the {@code git+...@ref} dependency naming the same repository.
 *
 * <pre>{@code
 * SlsaProvenance p = SlsaProvenance.from(statement);
 * p.sourceRepository();   // Optional[https://github.com/acme/web]  (git+, .git, host case normalised)
 * p.sourceRef();          // Optional[refs/heads/main]
 * p.sourceCommit();       // Optional[2ce3f90f...]
 * }</pre>
 */
public final class SlsaProvenance implements Predicate {
  private final String predicateType;
  private final ObjectNode json;
  private final ProvenanceFields f;

  private SlsaProvenance(String predicateType, ObjectNode json) {
    this.predicateType = predicateType;
    this.f = ProvenanceReader.read(predicateType, json);
    this.json = json.deepCopy();
  }

  /** True for the provenance types read here (v1, v0.2, v0.1). */
  public static boolean isProvenance(String predicateType) {
    return PredicateTypes.SLSA_PROVENANCE_V1.equals(predicateType)
        || PredicateTypes.SLSA_PROVENANCE_V02.equals(predicateType)
        || PredicateTypes.SLSA_PROVENANCE_V01.equals(predicateType);
  }

  /** The provenance of a statement; {@link InvalidInputException} when its predicate is not SLSA provenance. */
  public static SlsaProvenance from(InTotoStatement statement) {
    return of(statement.predicateType(), statement.predicate());
  }

  /** A provenance predicate of {@code predicateType} from its JSON. */
  public static SlsaProvenance of(String predicateType, JsonNode predicate) {
    Objects.requireNonNull(predicateType, "predicateType");
    if (!isProvenance(predicateType)) {
      throw new InvalidInputException("predicate type " + predicateType + " is not SLSA provenance (v1, v0.2 or "
          + "v0.1)");
    }
    if (predicate == null || !predicate.isObject()) {
      throw new InvalidInputException("SLSA provenance predicate must be an object");
    }
    return new SlsaProvenance(predicateType, (ObjectNode) predicate);
  }

  /** A builder writing SLSA provenance v1. */
  public static SlsaProvenanceBuilder builder() {
    return new SlsaProvenanceBuilder();
  }

  /**
   * A repository URI normalised as {@link #sourceRepository()} is: {@code git+} and an {@code @ref} suffix removed,
   * {@code .git} and trailing slashes removed, scheme and host lower case, {@code git@host:path} as
   * {@code ssh://host/path}.
   */
  public static String normalizeRepository(String uri) {
    String r = SourceUris.repository(uri);
    if (r == null) {
      throw new InvalidInputException("repository URI is empty");
    }
    return r;
  }

  /**
   * Whether two repository URIs name the same repository: equal host and path after normalising, whatever the
   * scheme ({@code github.com/acme/web} matches {@code git+https://github.com/acme/web.git}).
   */
  public static boolean sameRepository(String a, String b) {
    String x = SourceUris.hostAndPath(a);
    return x != null && x.equals(SourceUris.hostAndPath(b));
  }

  @Override
  public String predicateType() {
    return predicateType;
  }

  /** A copy of the predicate JSON, as read or built. */
  @Override
  public JsonNode toJson() {
    return json.deepCopy();
  }

  /** {@code runDetails.builder.id} (v1) or {@code builder.id} (v0.x). */
  public String builderId() {
    return f.builderId();
  }

  /** {@code buildDefinition.buildType} (v1), {@code buildType} (v0.2) or {@code recipe.type} (v0.1). */
  public String buildType() {
    return f.buildType();
  }

  /** The source URI as written (e.g. {@code git+https://github.com/acme/web@refs/heads/main}). */
  public Optional<String> sourceUri() {
    return Optional.ofNullable(f.sourceUri());
  }

  /** The normalised source repository, e.g. {@code https://github.com/acme/web}. */
  public Optional<String> sourceRepository() {
    return Optional.ofNullable(f.sourceRepository());
  }

  /** The source ref, e.g. {@code refs/heads/main} or {@code refs/tags/v1.2.0}. */
  public Optional<String> sourceRef() {
    return Optional.ofNullable(f.sourceRef());
  }

  /** The source commit (lower-case hex). */
  public Optional<String> sourceCommit() {
    return Optional.ofNullable(f.sourceCommit());
  }

  /**
   * The build command or entry point: v1 {@code externalParameters.entryPoint} (else the workflow or build-config
   * path), v0.2 {@code invocation.configSource.entryPoint}, v0.1 {@code recipe.entryPoint}.
   */
  public Optional<String> entryPoint() {
    return Optional.ofNullable(f.entryPoint());
  }

  /** The same value as {@link #entryPoint()}, under the name a build command check reads best with. */
  public Optional<String> buildCommand() {
    return entryPoint();
  }

  /** v1 {@code externalParameters}; v0.2 {@code invocation.parameters}; v0.1 {@code recipe.arguments} (a copy). */
  public JsonNode externalParameters() {
    return f.externalParameters().deepCopy();
  }

  /** v1 {@code internalParameters}; v0.2 {@code invocation.environment}; v0.1 {@code recipe.environment}. */
  public JsonNode internalParameters() {
    return f.internalParameters().deepCopy();
  }

  /**
   * v1 {@code resolvedDependencies}, v0.x {@code materials}; empty entries are skipped and malformed digest values
   * dropped (they can never match).
   */
  public List<ResourceDescriptor> resolvedDependencies() {
    return f.dependencies();
  }

  /** v1 {@code runDetails.metadata.invocationId}; v0.x {@code metadata.buildInvocationId}. */
  public Optional<String> invocationId() {
    return Optional.ofNullable(f.invocationId());
  }

  public Optional<Instant> startedOn() {
    return Optional.ofNullable(f.startedOn());
  }

  public Optional<Instant> finishedOn() {
    return Optional.ofNullable(f.finishedOn());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlsaProvenance && predicateType.equals(((SlsaProvenance) o).predicateType)
        && json.equals(((SlsaProvenance) o).json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(predicateType, json);
  }

  @Override
  public String toString() {
    return "SlsaProvenance{" + predicateType + ", builder=" + builderId() + ", source=" + f.sourceRepository()
        + (f.sourceRef() == null ? "" : "@" + f.sourceRef()) + ", commit=" + f.sourceCommit() + "}";
  }
}
