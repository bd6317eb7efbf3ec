package dev.countersign.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads {@link ProvenanceFacts} from a SLSA v1 predicate. */
final class ProvenanceV1 {
  private static final String[] SOURCE_OBJECTS = {"workflow", "buildConfigSource", "sourceToBuild"};

  private ProvenanceV1() {}

  static void read(JsonNode p, ProvenanceFacts f) {
    JsonNode ext = p.at("/buildDefinition/externalParameters");
    f.externalParameters(ext);
    f.offer("buildType", p, "/buildDefinition/buildType", "buildDefinition.buildType");
    f.offer("builderId", p, "/runDetails/builder/id", "runDetails.builder.id");
    f.offer("finishedOn", p, "/runDetails/metadata/finishedOn", "runDetails.metadata.finishedOn");
    f.offer("startedOn", p, "/runDetails/metadata/startedOn", "runDetails.metadata.startedOn");

    // Countersign's generator: externalParameters.source = git+https://host/owner/repo@ref, entryPoint = command
    JsonNode source = ext.path("source");
    if (source.isTextual()) {
      f.offer("repository", SourceRepositories.normalise(source.textValue()), "externalParameters.source");
      f.offer("ref", SourceRepositories.refSuffix(source.textValue()), "externalParameters.source");
    }
    f.offer("entryPoint", ext, "/entryPoint", "externalParameters.entryPoint");
    // GitHub Actions, slsa-github-generator: workflow; Cloud Build: buildConfigSource, sourceToBuild
    for (String name : SOURCE_OBJECTS) {
      JsonNode o = ext.path(name);
      if (!o.isObject()) {
        continue;
      }
      String at = "externalParameters." + name;
      JsonNode repo = o.path("repository");
      if (repo.isTextual() && !repo.textValue().isBlank()) {
        f.offer("repository", SourceRepositories.normalise(repo.textValue()), at + ".repository");
        f.offer("ref", SourceRepositories.refSuffix(repo.textValue()), at + ".repository");
      }
      f.offer("ref", o, "/ref", at + ".ref");
      if (!"sourceToBuild".equals(name)) {
        f.offer("entryPoint", o, "/path", at + ".path");
      }
      f.offer("commit", o, "/digest/gitCommit", at + ".digest.gitCommit");
      f.offer("commit", o, "/digest/sha1", at + ".digest.sha1");
    }
    readDependencies(p.at("/buildDefinition/resolvedDependencies"), f);
  }

  private static void readDependencies(JsonNode deps, ProvenanceFacts f) {
    if (!deps.isArray()) {
      return;
    }
    ProvenanceFacts.Fact repo = f.get("repository");
    for (int i = 0; i < deps.size(); i++) {
      JsonNode d = deps.get(i);
      JsonNode uri = d.path("uri");
      if (!uri.isTextual() || !uri.textValue().startsWith("git+")) {
        continue;
      }
      String normalised = SourceRepositories.normalise(uri.textValue());
      if (repo != null && !repo.value().equals(normalised)) {
        continue;
      }
      String at = "resolvedDependencies[" + i + "]";
      f.offer("repository", normalised, at + ".uri");
      f.offer("ref", SourceRepositories.refSuffix(uri.textValue()), at + ".uri");
      f.offer("commit", d, "/digest/gitCommit", at + ".digest.gitCommit");
      f.offer("commit", d, "/digest/sha1", at + ".digest.sha1");
      return;
    }
  }
}
