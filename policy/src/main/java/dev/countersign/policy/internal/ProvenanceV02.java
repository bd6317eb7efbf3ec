package dev.countersign.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads {@link ProvenanceFacts} from a SLSA v0.2 predicate (slsa-github-generator, Cloud Build, cosign). */
final class ProvenanceV02 {
  private ProvenanceV02() {}

  static void read(JsonNode p, ProvenanceFacts f) {
    f.externalParameters(p.at("/invocation/parameters"));
    f.offer("buildType", p, "/buildType", "buildType");
    f.offer("builderId", p, "/builder/id", "builder.id");
    f.offer("finishedOn", p, "/metadata/buildFinishedOn", "metadata.buildFinishedOn");
    f.offer("startedOn", p, "/metadata/buildStartedOn", "metadata.buildStartedOn");
    JsonNode config = p.at("/invocation/configSource");
    JsonNode uri = config.path("uri");
    if (uri.isTextual() && uri.textValue().contains("/")) {
      f.offer("repository", SourceRepositories.normalise(uri.textValue()), "invocation.configSource.uri");
      f.offer("ref", SourceRepositories.refSuffix(uri.textValue()), "invocation.configSource.uri");
      f.offer("commit", config, "/digest/gitCommit", "invocation.configSource.digest.gitCommit");
      f.offer("commit", config, "/digest/sha1", "invocation.configSource.digest.sha1");
    }
    f.offer("entryPoint", config, "/entryPoint", "invocation.configSource.entryPoint");
    f.offer("ref", p, "/invocation/environment/github_ref", "invocation.environment.github_ref");
    JsonNode materials = p.path("materials");
    if (!materials.isArray()) {
      return;
    }
    ProvenanceFacts.Fact repo = f.get("repository");
    for (int i = 0; i < materials.size(); i++) {
      JsonNode m = materials.get(i);
      JsonNode u = m.path("uri");
      if (!u.isTextual() || !u.textValue().startsWith("git+")) {
        continue;
      }
      String normalised = SourceRepositories.normalise(u.textValue());
      if (repo != null && !repo.value().equals(normalised)) {
        continue;
      }
      String at = "materials[" + i + "]";
      f.offer("repository", normalised, at + ".uri");
      f.offer("ref", SourceRepositories.refSuffix(u.textValue()), at + ".uri");
      f.offer("commit", m, "/digest/sha1", at + ".digest.sha1");
      f.offer("commit", m, "/digest/gitCommit", at + ".digest.gitCommit");
      return;
    }
  }
}
