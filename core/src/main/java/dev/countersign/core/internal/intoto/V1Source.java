package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.intoto.ResourceDescriptor;
import java.util.List;

/**
 * Where SLSA v1 builders put the source, in the order tried:
 * <ol>
 * <li>{@code externalParameters.source}: a URI string {@code git+https://host/o/r@ref} (Countersign's generator,
 * GitLab) or a ResourceDescriptor with {@code uri} and {@code digest} (slsa-github-generator container-based);
 * <li>{@code externalParameters.workflow.{repository, ref, path}} (GitHub Actions build types, GitHub artifact
 * attestations, npm provenance);
 * <li>{@code externalParameters.buildConfigSource.{repository, ref, path}} (Google Cloud Build);
 * <li>the first {@code git+} entry of {@code resolvedDependencies} (slsa-github-generator delegator/BYOB, Tekton).
 * </ol>
 * The commit is the source descriptor's digest, else the {@code gitCommit} (or {@code sha1}) of the dependency
 * naming the same repository and ref. The entry point is {@code externalParameters.entryPoint}, else the workflow
 * or build-config path, else {@code configPath}.
 */
final class V1Source {
  record Found(String uri, String repository, String ref, String commit, String entryPoint) {}

  private V1Source() {}

  static Found find(JsonNode ext, List<ResourceDescriptor> deps) {
    String uri = null;
    String ref = null;
    String commit = null;
    String entryPoint = text(ext, "entryPoint");
    JsonNode source = StrictJson.member(ext, "source");
    JsonNode workflow = StrictJson.member(ext, "workflow");
    JsonNode config = StrictJson.member(ext, "buildConfigSource");
    if (source != null && source.isTextual()) {
      uri = source.textValue();
    } else if (source != null && source.isObject() && text(source, "uri") != null) {
      uri = text(source, "uri");
      JsonNode digest = StrictJson.member(source, "digest");
      if (digest != null && digest.isObject()) {
        commit = Dependencies.commit(StatementJson.readDigestSetLenient(digest));
      }
    } else if (workflow != null && workflow.isObject() && text(workflow, "repository") != null) {
      uri = text(workflow, "repository");
      ref = text(workflow, "ref");
      entryPoint = entryPoint != null ? entryPoint : text(workflow, "path");
    } else if (config != null && config.isObject() && text(config, "repository") != null) {
      uri = text(config, "repository");
      ref = text(config, "ref");
      entryPoint = entryPoint != null ? entryPoint : text(config, "path");
    } else {
      ResourceDescriptor git = Dependencies.firstGit(deps);
      if (git != null) {
        uri = git.uri().orElse(null);
        commit = Dependencies.commit(git.digest());
      }
    }
    if (entryPoint == null) {
      entryPoint = text(ext, "configPath");
    }
    SourceUris.Source s = SourceUris.parse(uri);
    if (s == null) {
      return new Found(null, null, null, null, entryPoint);
    }
    if (ref == null) {
      ref = s.ref();
    }
    if (commit == null) {
      commit = Dependencies.commitFor(deps, ref == null || s.ref() != null ? uri : uri + "@" + ref);
    }
    return new Found(uri, s.repository(), ref, commit, entryPoint);
  }

  private static String text(JsonNode obj, String field) {
    JsonNode v = obj == null ? null : obj.get(field);
    return v != null && v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
  }
}
