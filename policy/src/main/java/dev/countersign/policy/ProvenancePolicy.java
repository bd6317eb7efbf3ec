package dev.countersign.policy;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.policy.internal.CelRules;
import dev.countersign.policy.internal.PolicyFileReader;
import dev.countersign.policy.internal.RefPattern;
import dev.countersign.policy.internal.SourceRepositories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build's provenance must say for an artifact to be accepted: allowed source repositories, refs and
 * commits, builder ids, build types and entry points (build commands), required external parameters, a maximum
 * age, required predicate types and free-form CEL {@linkplain PolicyRule rules}. Every list is "any of"; an empty
 * list (or an unset age) puts no constraint on that field. Build one with {@link #builder()} or read the file form
 * with {@link #parse(byte[], String)} / {@link #read(Path)}; evaluate it with a {@link PolicyEvaluator}.
 *
 * <p>Repositories are compared {@linkplain SourceRepositories normalised} ({@code git+https://GitHub.com/acme/web.git}
 * equals {@code github.com/acme/web}); refs are glob patterns over full ref names ({@code refs/tags/v*}); commits
 * compare case-insensitively and in full; builder ids match exactly or by one of the prefixes; build types and
 * entry points match exactly. CEL rules are compiled (and so checked) when the policy is built.
 */
public final class ProvenancePolicy {
  private final List<String> predicateTypes;
  private final List<String> repositories;
  private final List<RefPattern> refs;
  private final List<String> commits;
  private final List<String> commitsReachableFrom;
  private final List<String> builderIds;
  private final List<String> builderIdPrefixes;
  private final List<String> buildTypes;
  private final List<String> entryPoints;
  private final Map<String, String> externalParameters;
  private final Duration maxAge;
  private final List<PolicyRule> rules;
  private final CelRules compiledRules;

  private ProvenancePolicy(Builder b) {
    predicateTypes = List.copyOf(b.predicateTypes);
    repositories = List.copyOf(b.repositories);
    refs = List.copyOf(b.refs);
    commits = List.copyOf(b.commits);
    commitsReachableFrom = List.copyOf(b.commitsReachableFrom);
    builderIds = List.copyOf(b.builderIds);
    builderIdPrefixes = List.copyOf(b.builderIdPrefixes);
    buildTypes = List.copyOf(b.buildTypes);
    entryPoints = List.copyOf(b.entryPoints);
    externalParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.externalParameters));
    maxAge = b.maxAge;
    rules = List.copyOf(b.rules.values());
    compiledRules = CelRules.compile(rules);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the file form (YAML or JSON, at most 1 MiB): {@code apiVersion: countersign.dev/v1},
   * {@code kind: ProvenancePolicy}. Unknown fields, duplicate keys, YAML anchors/aliases and several documents are
   * refused with an {@link InvalidInputException} naming the field's path; {@code name} names the file in messages.
   */
  public static ProvenancePolicy parse(byte[] document, String name) {
    return PolicyFileReader.read(document, name);
  }

  /** Reads the file form from {@code file}; see {@link #parse(byte[], String)}. */
  public static ProvenancePolicy read(Path file) {
    return PolicyFileReader.read(file);
  }

  /** Allowed predicate types (exact URIs); empty = any. */
  public List<String> predicateTypes() {
    return predicateTypes;
  }

  /** Allowed source repositories, normalised; empty = any. */
  public List<String> sourceRepositories() {
    return repositories;
  }

  /** Allowed ref patterns; empty = any. */
  public List<String> sourceRefs() {
    return refs.stream().map(RefPattern::toString).toList();
  }

  /** Allowed commits (lower-case hex); empty = any. */
  public List<String> sourceCommits() {
    return commits;
  }

  /** Refs the commit must be reachable from (any of them), answered by a {@link CommitGraph}; empty = no check. */
  public List<String> commitsReachableFrom() {
    return commitsReachableFrom;
  }

  public List<String> builderIds() {
    return builderIds;
  }

  public List<String> builderIdPrefixes() {
    return builderIdPrefixes;
  }

  public List<String> buildTypes() {
    return buildTypes;
  }

  /** Allowed entry points / build commands (exact); empty = any. */
  public List<String> entryPoints() {
    return entryPoints;
  }

  /** External parameters that must be present with these values (scalars compared as text). */
  public Map<String, String> requiredExternalParameters() {
    return externalParameters;
  }

  /** The maximum age of the build, from its finish (or start) time. */
  public Optional<Duration> maxAge() {
    return Optional.ofNullable(maxAge);
  }

  public List<PolicyRule> rules() {
    return rules;
  }

  List<RefPattern> refPatterns() {
    return refs;
  }

  CelRules compiledRules() {
    return compiledRules;
  }

  @Override
  public String toString() {
    return "ProvenancePolicy{predicateTypes=" + predicateTypes + ", repositories=" + repositories + ", refs=" + refs
        + ", commits=" + commits + ", reachableFrom=" + commitsReachableFrom + ", builderIds=" + builderIds
        + ", builderIdPrefixes=" + builderIdPrefixes + ", buildTypes=" + buildTypes + ", entryPoints=" + entryPoints
        + ", externalParameters=" + externalParameters + ", maxAge=" + maxAge + ", rules=" + rules + "}";
  }

  /** Collects constraints; each adder validates its argument and may be called several times. */
  public static final class Builder {
    private final List<String> predicateTypes = new ArrayList<>();
    private final List<String> repositories = new ArrayList<>();
    private final List<RefPattern> refs = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();
    private final List<String> commitsReachableFrom = new ArrayList<>();
    private final List<String> builderIds = new ArrayList<>();
    private final List<String> builderIdPrefixes = new ArrayList<>();
    private final List<String> buildTypes = new ArrayList<>();
    private final List<String> entryPoints = new ArrayList<>();
    private final Map<String, String> externalParameters = new LinkedHashMap<>();
    private final Map<String, PolicyRule> rules = new LinkedHashMap<>();
    private Duration maxAge;

    private Builder() {}

    public Builder predicateType(String uri) {
      // cosign's shortcuts (slsaprovenance1, ...) are stored as the URIs they stand for; other text is refused.
      predicateTypes.add(PredicateTypes.resolve(nonBlank(uri, "predicate type")));
      return this;
    }

    /** An allowed repository in any usual spelling ({@code https://github.com/acme/web.git}). */
    public Builder sourceRepository(String repository) {
      String n = SourceRepositories.normalise(nonBlank(repository, "source repository"));
      if (!n.contains("/") || n.startsWith("/")) {
        throw new InvalidInputException("source repository '" + repository + "' must name a host and a path");
      }
      repositories.add(n);
      return this;
    }

    /** An allowed ref pattern over full ref names: {@code refs/heads/main}, {@code refs/tags/v*}. */
    public Builder sourceRef(String pattern) {
      refs.add(RefPattern.compile(pattern, "source ref pattern"));
      return this;
    }

    /** An allowed commit: a full SHA-1 (40) or SHA-256 (64) hex id. */
    public Builder sourceCommit(String commit) {
      String c = nonBlank(commit, "source commit").toLowerCase(Locale.ROOT);
      if (!c.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
        throw new InvalidInputException("source commit '" + commit + "' must be 40 or 64 hex digits");
      }
      commits.add(c);
      return this;
    }

    /** The commit must be reachable from this ref (or another given); needs a {@link CommitGraph} to evaluate. */
    public Builder commitReachableFrom(String ref) {
      commitsReachableFrom.add(nonBlank(ref, "reachable-from ref"));
      return this;
    }

    public Builder builderId(String id) {
      builderIds.add(nonBlank(id, "builder id"));
      return this;
    }

    public Builder builderIdPrefix(String prefix) {
      builderIdPrefixes.add(nonBlank(prefix, "builder id prefix"));
      return this;
    }

    public Builder buildType(String type) {
      buildTypes.add(nonBlank(type, "build type"));
      return this;
    }

    /** An allowed entry point or build command ({@code make image}, {@code .github/workflows/build.yml}). */
    public Builder entryPoint(String entryPoint) {
      entryPoints.add(nonBlank(entryPoint, "entry point"));
      return this;
    }

    /** External parameter {@code name} must be present and equal {@code value} (a scalar's text). */
    public Builder requiredExternalParameter(String name, String value) {
      externalParameters.put(nonBlank(name, "external parameter name"),
          Objects.requireNonNull(value, "external parameter value"));
      return this;
    }

    public Builder maxAge(Duration age) {
      if (age == null || age.isZero() || age.isNegative()) {
        throw new InvalidInputException("maxAge must be positive, got " + age);
      }
      maxAge = age;
      return this;
    }

    /** Adds a CEL rule; rule names are unique. */
    public Builder rule(PolicyRule rule) {
      Objects.requireNonNull(rule, "rule");
      if (rules.putIfAbsent(rule.name(), rule) != null) {
        throw new InvalidInputException("rule name '" + rule.name() + "' is used twice");
      }
      return this;
    }

    public Builder rule(String name, String expression) {
      return rule(PolicyRule.of(name, expression));
    }

    /** The policy; compiles the CEL rules (a rule that does not compile is an InvalidInputException naming it). */
    public ProvenancePolicy build() {
      return new ProvenancePolicy(this);
    }

    private static String nonBlank(String s, String what) {
      if (s == null || s.isBlank()) {
        throw new InvalidInputException(what + " must not be empty");
      }
      return s.strip();
    }
  }
}
