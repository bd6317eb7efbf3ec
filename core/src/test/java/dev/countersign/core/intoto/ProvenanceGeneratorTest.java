package dev.countersign.core.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvenanceGeneratorTest {
  private static final String SHA = "2ce3f90facdb51aeb950d5bc641e981be61fdf48";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

  /** Reads back what was generated, through the statement JSON, as a verifier would. */
  private static SlsaProvenance roundTrip(SlsaProvenance p) {
    InTotoStatement s = InTotoStatement.builder().subject("a", AttestationBuilderTest.ARTIFACT).predicate(p).build();
    return SlsaProvenance.from(InTotoStatement.parse(s.toJson()));
  }

  private static void source(SlsaProvenance p, String repo, String ref) {
    assertEquals(Optional.of(repo), p.sourceRepository());
    assertEquals(Optional.of(ref), p.sourceRef());
    assertEquals(Optional.of(SHA), p.sourceCommit());
    assertEquals("git+" + repo + "@" + ref, p.externalParameters().get("source").asText());
    assertEquals("git+" + repo + "@" + ref, p.resolvedDependencies().get(0).uri().get());
    assertEquals(SHA, p.resolvedDependencies().get(0).digest().get("gitCommit").get());
  }

  @Test
  void githubActions() {
    Map<String, String> env = Map.ofEntries(Map.entry("GITHUB_ACTIONS", "true"),
        Map.entry("GITHUB_SERVER_URL", "https://github.com"), Map.entry("GITHUB_REPOSITORY", "Acme/Web"),
        Map.entry("GITHUB_SHA", SHA), Map.entry("GITHUB_REF", "refs/heads/main"),
        Map.entry("GITHUB_WORKFLOW_REF", "Acme/Web/.github/workflows/build.yml@refs/heads/main"),
        Map.entry("GITHUB_RUN_ID", "42"), Map.entry("GITHUB_RUN_ATTEMPT", "2"), Map.entry("RUNNER_OS", "Linux"),
        Map.entry("RUNNER_ENVIRONMENT", "github-hosted"), Map.entry("GITHUB_EVENT_NAME", "push"));
    ProvenanceGenerator g = ProvenanceGenerator.fromEnvironment(env).clock(CLOCK);
    assertEquals("GitHub Actions", g.detectedCi().get());
    SlsaProvenance p = roundTrip(g.entryPoint("make image").generate());
    source(p, "https://github.com/Acme/Web", "refs/heads/main");
    assertEquals("make image", p.entryPoint().get());
    assertEquals("https://github.com/actions/runner/github-hosted", p.builderId());
    assertEquals("https://actions.github.io/buildtypes/workflow/v1", p.buildType());
    assertEquals("https://github.com/Acme/Web/actions/runs/42/attempts/2", p.invocationId().get());
    assertEquals(".github/workflows/build.yml", p.externalParameters().at("/workflow/path").asText());
    assertEquals("Linux", p.internalParameters().at("/github/runner_os").asText());
    assertEquals(CLOCK.instant(), p.finishedOn().get());
    assertEquals(".github/workflows/build.yml", roundTrip(ProvenanceGenerator.fromEnvironment(env).generate())
        .entryPoint().get(), "default entry point: the workflow file");
  }

  @Test
  void gitlabCi() {
    Map<String, String> env = Map.of("GITLAB_CI", "true", "CI_PROJECT_URL", "https://GitLab.example.com/grp/app",
        "CI_COMMIT_SHA", SHA, "CI_COMMIT_BRANCH", "main", "CI_COMMIT_REF_NAME", "main",
        "CI_JOB_URL", "https://gitlab.example.com/grp/app/-/jobs/9", "CI_SERVER_URL", "https://gitlab.example.com",
        "CI_RUNNER_ID", "17", "CI_JOB_NAME", "build");
    SlsaProvenance p = roundTrip(ProvenanceGenerator.fromEnvironment(env).generate());
    source(p, "https://gitlab.example.com/grp/app", "refs/heads/main");
    assertEquals("https://gitlab.example.com/-/runners/17", p.builderId());
    assertEquals("https://countersign.dev/buildtypes/gitlab-ci/v1", p.buildType());
    assertEquals("https://gitlab.example.com/grp/app/-/jobs/9", p.invocationId().get());
    assertEquals("build", p.entryPoint().get());
    SlsaProvenance tag = roundTrip(ProvenanceGenerator.fromEnvironment(Map.of("GITLAB_CI", "true",
        "CI_PROJECT_URL", "https://gitlab.com/g/a", "CI_COMMIT_SHA", SHA, "CI_COMMIT_TAG", "v1.0",
        "CI_SERVER_URL", "https://gitlab.com")).generate());
    assertEquals("refs/tags/v1.0", tag.sourceRef().get());
  }

  @Test
  void jenkins() {
    Map<String, String> env = Map.of("JENKINS_URL", "https://ci.example.com/", "GIT_URL",
        "git@github.com:acme/web.git", "GIT_COMMIT", SHA, "GIT_BRANCH", "origin/main",
        "BUILD_URL", "https://ci.example.com/job/web/5/", "JOB_NAME", "web");
    SlsaProvenance p = roundTrip(ProvenanceGenerator.fromEnvironment(env).entryPoint("./gradlew build").generate());
    source(p, "ssh://github.com/acme/web", "refs/heads/main");
    assertTrue(SlsaProvenance.sameRepository("https://github.com/acme/web", p.sourceRepository().get()));
    assertEquals("https://ci.example.com", p.builderId());
    assertEquals("https://ci.example.com/job/web/5/", p.invocationId().get());
  }

  @Test
  void tekton() {
    Map<String, String> env = Map.of("TEKTON_PIPELINE_RUN", "build-abc", "TEKTON_NAMESPACE", "ci",
        "GIT_URL", "https://github.com/acme/web", "GIT_COMMIT", SHA, "GIT_REF", "main");
    SlsaProvenance p = roundTrip(ProvenanceGenerator.fromEnvironment(env).generate());
    source(p, "https://github.com/acme/web", "refs/heads/main");
    assertEquals("https://tekton.dev/chains/v2", p.builderId());
    assertEquals("tekton://ci/pipelineruns/build-abc", p.invocationId().get());
  }

  @Test
  void explicitValuesOverrideAndAreRequiredWithoutCi() {
    ProvenanceGenerator g = ProvenanceGenerator.fromEnvironment(Map.of("PATH", "/bin"));
    assertFalse(g.detectedCi().isPresent());
    assertTrue(assertThrows(InvalidInputException.class, g::generate).getMessage().contains("builder id"));
    SlsaProvenance p = roundTrip(ProvenanceGenerator.explicit().builderId("https://ci.example.com/builders/linux@v1")
        .source("git+https://GitHub.com/acme/web.git", "refs/heads/main", SHA).entryPoint("make image")
        .buildType("https://ci.example.com/buildtypes/make/v1").clock(CLOCK).generate());
    source(p, "https://github.com/acme/web", "refs/heads/main");
    assertEquals("https://ci.example.com/buildtypes/make/v1", p.buildType());
    assertThrows(InvalidInputException.class, () -> ProvenanceGenerator.explicit().builderId("b")
        .source("https://github.com/a/b", "refs/heads/main", "abc").generate());
    assertThrows(InvalidInputException.class, () -> ProvenanceGenerator.explicit().builderId("b").generate());
  }
}
