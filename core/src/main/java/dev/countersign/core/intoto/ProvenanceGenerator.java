package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.intoto.CiEnvironments;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fills a SLSA provenance v1 predicate from the CI environment it runs in, with any value overridden explicitly:
 * <ul>
 * <li>GitHub Actions ({@code GITHUB_ACTIONS=true}): {@code GITHUB_SERVER_URL}, {@code GITHUB_REPOSITORY},
 * {@code GITHUB_REF}, {@code GITHUB_SHA}, {@code GITHUB_WORKFLOW_REF}, {@code GITHUB_RUN_ID}/{@code _ATTEMPT},
 * {@code RUNNER_ENVIRONMENT}/{@code _OS}/{@code _ARCH}; builder {@code <server>/actions/runner/github-hosted} (or
 * {@code self-hosted}), build type {@code https://actions.github.io/buildtypes/workflow/v1};
 * <li>GitLab CI ({@code GITLAB_CI=true}): {@code CI_PROJECT_URL}, {@code CI_COMMIT_SHA}, {@code CI_COMMIT_TAG} /
 * {@code CI_COMMIT_BRANCH} / {@code CI_COMMIT_REF_NAME}, {@code CI_SERVER_URL} + {@code CI_RUNNER_ID} (builder),
 * {@code CI_JOB_URL}, {@code CI_JOB_NAME};
 * <li>Jenkins ({@code JENKINS_URL}, the builder): {@code GIT_URL}, {@code GIT_COMMIT}, {@code GIT_BRANCH}
 * ({@code origin/main} becomes {@code refs/heads/main}) or {@code TAG_NAME}, {@code BUILD_URL}, {@code JOB_NAME};
 * <li>Tekton ({@code TEKTON_TASK_RUN} or {@code TEKTON_PIPELINE_RUN}, mapped by the Task from
 * {@code $(context...)}): {@code GIT_URL}, {@code GIT_COMMIT}, {@code GIT_REF} (git-clone results),
 * {@code TEKTON_NAMESPACE}, optional {@code TEKTON_BUILDER_ID} (default {@code https://tekton.dev/chains/v2}).
 * </ul>
 * Build types of CIs without their own are {@code https://countersign.dev/buildtypes/<ci>/v1}.
 * The result follows {@link SlsaProvenanceBuilder}'s convention ({@code externalParameters.source},
 * {@code externalParameters.entryPoint}, a {@code git+...@ref} dependency with {@code gitCommit}). The entry point
 * defaults to the CI's workflow file or job name; pass the real build command with {@link #entryPoint(String)}.
 *
 * <pre>{@code
 * SlsaProvenance p = ProvenanceGenerator.fromEnvironment().entryPoint("mvn -B package").generate();
 * SignedAttestation att = AttestationBuilder.of(signer).subject("app.jar", Digest.sha256(jar)).predicate(p).build();
 * Files.writeString(Path.of("app.jar.intoto.json"), att.envelopeJson());
 * }</pre>
 */
public final class ProvenanceGenerator {
  /** Build type of provenance made from explicit values only. */
  public static final String GENERIC_BUILD_TYPE = CiEnvironments.TYPE_PREFIX + "generic/v1";

  private final CiEnvironments.Values ci;
  private String repository;
  private String ref;
  private String commit;
  private String builderId;
  private String buildType;
  private String invocationId;
  private String entryPoint;
  private Instant startedOn;
  private Clock clock = Clock.systemUTC();
  private final ObjectNode external = JsonNodeFactory.instance.objectNode();

  private ProvenanceGenerator(CiEnvironments.Values ci) {
    this.ci = ci;
    if (ci != null) {
      repository = ci.repository();
      ref = ci.ref();
      commit = ci.commit();
      builderId = ci.builderId();
      buildType = ci.buildType();
      invocationId = ci.invocationId();
      entryPoint = ci.entryPoint();
      external.setAll(ci.external());
    }
  }

  /** From this process's environment ({@link System#getenv()}). */
  public static ProvenanceGenerator fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** From the given environment variables. */
  public static ProvenanceGenerator fromEnvironment(Map<String, String> env) {
    return new ProvenanceGenerator(CiEnvironments.detect(Objects.requireNonNull(env, "env")));
  }

  /** From explicit values only; builder id is then required and the build type defaults to a generic one. */
  public static ProvenanceGenerator explicit() {
    return new ProvenanceGenerator(null);
  }

  /** The CI recognised ({@code GitHub Actions}, {@code GitLab CI}, {@code Jenkins}, {@code Tekton}), if any. */
  public Optional<String> detectedCi() {
    return Optional.ofNullable(ci == null ? null : ci.ci());
  }

  /** Sets the source: repository URI, ref (e.g. {@code refs/heads/main}) and commit. */
  public ProvenanceGenerator source(String repository, String ref, String commit) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.ref = ref;
    this.commit = commit;
    return this;
  }

  /** The build command or entry point ({@code externalParameters.entryPoint}). */
  public ProvenanceGenerator entryPoint(String entryPoint) {
    this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    return this;
  }

  public ProvenanceGenerator builderId(String builderId) {
    this.builderId = Objects.requireNonNull(builderId, "builderId");
    return this;
  }

  public ProvenanceGenerator buildType(String buildType) {
    this.buildType = Objects.requireNonNull(buildType, "buildType");
    return this;
  }

  public ProvenanceGenerator invocationId(String invocationId) {
    this.invocationId = invocationId;
    return this;
  }

  /** Another external parameter (e.g. build arguments). */
  public ProvenanceGenerator externalParameter(String name, JsonNode value) {
    external.set(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value").deepCopy());
    return this;
  }

  /** When the build started; the end time is the clock's time at {@link #generate()}. */
  public ProvenanceGenerator startedOn(Instant startedOn) {
    this.startedOn = startedOn;
    return this;
  }

  /** The clock for {@code finishedOn}; default UTC system clock. */
  public ProvenanceGenerator clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The predicate; fails naming what is missing (builder id, source repository). */
  public SlsaProvenance generate() {
    if (builderId == null || builderId.isBlank()) {
      throw new InvalidInputException("provenance needs a builder id: no CI environment was recognised "
          + "(GitHub Actions, GitLab CI, Jenkins, Tekton); set builderId(...) and source(...)");
    }
    if (repository == null || repository.isBlank()) {
      throw new InvalidInputException("provenance needs the source repository"
          + (ci == null ? "" : " (" + ci.ci() + " did not provide it)") + "; set source(...)");
    }
    SlsaProvenanceBuilder b = SlsaProvenance.builder().builderId(builderId)
        .buildType(buildType == null ? GENERIC_BUILD_TYPE : buildType)
        .source(repository, ref, commit == null || commit.isBlank() ? null : commit)
        .invocationId(invocationId).startedOn(startedOn).finishedOn(clock.instant());
    if (entryPoint != null) {
      b.entryPoint(entryPoint);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = external.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.externalParameter(e.getKey(), e.getValue());
    }
    if (ci != null) {
      ci.internal().fields().forEachRemaining(e -> b.internalParameter(e.getKey(), e.getValue()));
    }
    return b.build();
  }
}
