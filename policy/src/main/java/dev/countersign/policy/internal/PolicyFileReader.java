package dev.countersign.policy.internal;

import dev.countersign.core.InvalidInputException;
import dev.countersign.policy.ProvenancePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the file form of a {@link ProvenancePolicy}:
 *
 * <pre>
 * apiVersion: countersign.dev/v1
 * kind: ProvenancePolicy
 * metadata: {name: web-prod}                       # optional
 * predicateTypes: [https://slsa.dev/provenance/v1]
 * source: {repositories: [github.com/acme/web], refs: [refs/heads/main], commits: [], reachableFrom: []}
 * builder: {ids: [https://ci.example.com/builders/linux@v1], idPrefixes: []}
 * build: {types: [https://ci.example.com/buildtypes/make/v1], entryPoints: [make image]}
 * requiredExternalParameters: {dirty: "false"}
 * maxAge: 720h
 * rules:
 *   - {name: no-dirty-tree, expression: "!has(predicate.buildDefinition.externalParameters.dirty)"}
 * </pre>
 */
public final class PolicyFileReader {
  /** The only accepted {@code apiVersion}. */
  public static final String API_VERSION = "countersign.dev/v1";
  /** The only accepted {@code kind}. */
  public static final String KIND = "ProvenancePolicy";

  private static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "predicateTypes", "source",
      "builder", "build", "requiredExternalParameters", "maxAge", "rules");

  private PolicyFileReader() {}

  public static ProvenancePolicy read(Path file) {
    try {
      if (Files.size(file) > YamlTree.MAX_BYTES) {
        throw new InvalidInputException("policy " + file + " is larger than " + YamlTree.MAX_BYTES + " bytes");
      }
      return read(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read policy " + file + ": " + e.getMessage(), e);
    }
  }

  public static ProvenancePolicy read(byte[] document, String name) {
    String what = "policy " + (name == null || name.isBlank() ? "document" : name);
    Node root = YamlTree.compose(document, what);
    PolicyNodes n = new PolicyNodes(what);
    Map<String, Node> top = n.fields(root, "", TOP);
    String apiVersion = n.string(top.get("apiVersion"), "apiVersion", true);
    if (!API_VERSION.equals(apiVersion)) {
      throw n.error("apiVersion", top.get("apiVersion"), "must be " + API_VERSION + ", got " + apiVersion);
    }
    String kind = n.string(top.get("kind"), "kind", true);
    if (!KIND.equals(kind)) {
      throw n.error("kind", top.get("kind"), "must be " + KIND + ", got " + kind);
    }
    Map<String, Node> metadata = n.fields(top.get("metadata"), "metadata", List.of("name", "description"));
    n.string(metadata.get("name"), "metadata.name", false);
    n.string(metadata.get("description"), "metadata.description", false);

    ProvenancePolicy.Builder b = ProvenancePolicy.builder();
    each(n, top.get("predicateTypes"), "predicateTypes", b::predicateType);
    Map<String, Node> source = n.fields(top.get("source"), "source",
        List.of("repositories", "refs", "commits", "reachableFrom"));
    each(n, source.get("repositories"), "source.repositories", b::sourceRepository);
    each(n, source.get("refs"), "source.refs", b::sourceRef);
    each(n, source.get("commits"), "source.commits", b::sourceCommit);
    each(n, source.get("reachableFrom"), "source.reachableFrom", b::commitReachableFrom);
    Map<String, Node> builder = n.fields(top.get("builder"), "builder", List.of("ids", "idPrefixes"));
    each(n, builder.get("ids"), "builder.ids", b::builderId);
    each(n, builder.get("idPrefixes"), "builder.idPrefixes", b::builderIdPrefix);
    Map<String, Node> build = n.fields(top.get("build"), "build", List.of("types", "entryPoints"));
    each(n, build.get("types"), "build.types", b::buildType);
    each(n, build.get("entryPoints"), "build.entryPoints", b::entryPoint);
    Node params = top.get("requiredExternalParameters");
    n.stringMap(params, "requiredExternalParameters").forEach((k, v) ->
        n.at("requiredExternalParameters." + k, params, () -> b.requiredExternalParameter(k, v)));
    Node maxAge = top.get("maxAge");
    String age = n.string(maxAge, "maxAge", false);
    if (age != null) {
      n.at("maxAge", maxAge, () -> b.maxAge(GoDuration.parse(age, "the duration")));
    }
    List<Node> rules = n.list(top.get("rules"), "rules");
    for (int i = 0; i < rules.size(); i++) {
      String path = "rules[" + i + "]";
      Map<String, Node> rule = n.fields(rules.get(i), path, List.of("name", "expression"));
      String ruleName = n.string(rule.get("name"), path + ".name", true);
      String expression = n.string(rule.get("expression"), path + ".expression", true);
      n.at(path, rules.get(i), () -> b.rule(ruleName, expression));
    }
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + ": " + e.getMessage(), e);
    }
  }

  private static void each(PolicyNodes n, Node node, String path, Consumer<String> add) {
    List<String> values = n.strings(node, path);
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      n.at(path + "[" + i + "]", node, () -> {
        add.accept(v);
        return null;
      });
    }
  }
}
