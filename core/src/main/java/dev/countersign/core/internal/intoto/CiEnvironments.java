package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Reads build facts from CI environment variables. Detection: GitHub Actions ({@code GITHUB_ACTIONS=true}),
 * GitLab CI ({@code GITLAB_CI=true}), Jenkins ({@code JENKINS_URL}), Tekton ({@code TEKTON_TASK_RUN} or
 * {@code TEKTON_PIPELINE_RUN}, which a Task sets from {@code $(context.taskRun.name)} /
 * {@code $(context.pipelineRun.name)}, with {@code GIT_URL}, {@code GIT_COMMIT}, {@code GIT_REF} from the
 * git-clone task's results and an optional {@code TEKTON_BUILDER_ID}).
 */
public final class CiEnvironments {
  /** Build type URIs written for CIs that define none of their own. */
  public static final String TYPE_PREFIX = "https://countersign.dev/buildtypes/";

  /** What one CI's variables say; null fields are unknown. */
  public record Values(String ci, String repository, String ref, String commit, String builderId, String buildType,
      String invocationId, String entryPoint, ObjectNode external, ObjectNode internal) {}

  private CiEnvironments() {}

  /** The values of the CI {@code env} belongs to, or null when none is recognised. */
  public static Values detect(Map<String, String> env) {
    if ("true".equals(env.get("GITHUB_ACTIONS"))) {
      return github(env);
    }
    if ("true".equals(env.get("GITLAB_CI"))) {
      return gitlab(env);
    }
    if (present(env, "JENKINS_URL")) {
      return jenkins(env);
    }
    if (present(env, "TEKTON_TASK_RUN") || present(env, "TEKTON_PIPELINE_RUN")) {
      return tekton(env);
    }
    return null;
  }

  private static Values github(Map<String, String> env) {
    String server = strip(env.getOrDefault("GITHUB_SERVER_URL", "https://github.com"));
    String repo = server + "/" + env.get("GITHUB_REPOSITORY");
    String workflowRef = env.get("GITHUB_WORKFLOW_REF");   // owner/repo/.github/workflows/x.yml@refs/heads/main
    String path = null;
    if (workflowRef != null && env.get("GITHUB_REPOSITORY") != null
        && workflowRef.startsWith(env.get("GITHUB_REPOSITORY") + "/")) {
      String rest = workflowRef.substring(env.get("GITHUB_REPOSITORY").length() + 1);
      path = rest.contains("@") ? rest.substring(0, rest.lastIndexOf('@')) : rest;
    }
    ObjectNode ext = JsonNodeFactory.instance.objectNode();
    ObjectNode workflow = ext.putObject("workflow");
    putIf(workflow, "ref", env.get("GITHUB_REF"));
    workflow.put("repository", repo);
    putIf(workflow, "path", path);
    ObjectNode internal = JsonNodeFactory.instance.objectNode();
    ObjectNode gh = internal.putObject("github");
    putIf(gh, "event_name", env.get("GITHUB_EVENT_NAME"));
    putIf(gh, "repository_id", env.get("GITHUB_REPOSITORY_ID"));
    putIf(gh, "repository_owner_id", env.get("GITHUB_REPOSITORY_OWNER_ID"));
    putIf(gh, "runner_environment", env.get("RUNNER_ENVIRONMENT"));
    putIf(gh, "runner_os", env.get("RUNNER_OS"));
    putIf(gh, "runner_arch", env.get("RUNNER_ARCH"));
    putIf(gh, "workflow_ref", workflowRef);
    String hosted = "self-hosted".equals(env.get("RUNNER_ENVIRONMENT")) ? "self-hosted" : "github-hosted";
    String run = env.get("GITHUB_RUN_ID");
    String invocation = run == null ? null : repo + "/actions/runs/" + run + "/attempts/"
        + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1");
    return new Values("GitHub Actions", repo, env.get("GITHUB_REF"), env.get("GITHUB_SHA"),
        server + "/actions/runner/" + hosted, "https://actions.github.io/buildtypes/workflow/v1", invocation, path,
        ext, internal);
  }

  private static Values gitlab(Map<String, String> env) {
    String ref = present(env, "CI_COMMIT_TAG") ? "refs/tags/" + env.get("CI_COMMIT_TAG")
        : present(env, "CI_COMMIT_BRANCH") ? "refs/heads/" + env.get("CI_COMMIT_BRANCH")
        : present(env, "CI_COMMIT_REF_NAME") ? "refs/heads/" + env.get("CI_COMMIT_REF_NAME") : null;
    String server = env.get("CI_SERVER_URL") == null ? null : strip(env.get("CI_SERVER_URL"));
    String builder = server == null ? null : present(env, "CI_RUNNER_ID") ? server + "/-/runners/"
        + env.get("CI_RUNNER_ID") : server;
    ObjectNode internal = JsonNodeFactory.instance.objectNode();
    ObjectNode gl = internal.putObject("gitlab");
    putIf(gl, "pipeline_source", env.get("CI_PIPELINE_SOURCE"));
    putIf(gl, "pipeline_id", env.get("CI_PIPELINE_ID"));
    putIf(gl, "job_id", env.get("CI_JOB_ID"));
    putIf(gl, "project_id", env.get("CI_PROJECT_ID"));
    putIf(gl, "runner_description", env.get("CI_RUNNER_DESCRIPTION"));
    putIf(gl, "config_path", env.get("CI_CONFIG_PATH"));
    return new Values("GitLab CI", env.get("CI_PROJECT_URL"), ref, env.get("CI_COMMIT_SHA"), builder,
        TYPE_PREFIX + "gitlab-ci/v1", env.get("CI_JOB_URL"), env.get("CI_JOB_NAME"),
        JsonNodeFactory.instance.objectNode(), internal);
  }

  private static Values jenkins(Map<String, String> env) {
    String ref = null;
    if (present(env, "TAG_NAME")) {
      ref = "refs/tags/" + env.get("TAG_NAME");
    } else if (present(env, "GIT_BRANCH")) {
      String b = env.get("GIT_BRANCH");
      b = b.startsWith("refs/") ? b : b.startsWith("origin/") ? "refs/heads/" + b.substring(7) : "refs/heads/" + b;
      ref = b;
    }
    ObjectNode internal = JsonNodeFactory.instance.objectNode();
    ObjectNode j = internal.putObject("jenkins");
    putIf(j, "job_name", env.get("JOB_NAME"));
    putIf(j, "build_number", env.get("BUILD_NUMBER"));
    putIf(j, "node_name", env.get("NODE_NAME"));
    return new Values("Jenkins", env.get("GIT_URL"), ref, env.get("GIT_COMMIT"), strip(env.get("JENKINS_URL")),
        TYPE_PREFIX + "jenkins/v1", env.get("BUILD_URL"), env.get("JOB_NAME"), JsonNodeFactory.instance.objectNode(),
        internal);
  }

  private static Values tekton(Map<String, String> env) {
    String ns = env.getOrDefault("TEKTON_NAMESPACE", "default");
    String invocation = present(env, "TEKTON_PIPELINE_RUN") ? "tekton://" + ns + "/pipelineruns/"
        + env.get("TEKTON_PIPELINE_RUN") : "tekton://" + ns + "/taskruns/" + env.get("TEKTON_TASK_RUN");
    ObjectNode internal = JsonNodeFactory.instance.objectNode();
    ObjectNode t = internal.putObject("tekton");
    putIf(t, "namespace", env.get("TEKTON_NAMESPACE"));
    putIf(t, "pipelineRun", env.get("TEKTON_PIPELINE_RUN"));
    putIf(t, "taskRun", env.get("TEKTON_TASK_RUN"));
    String ref = env.get("GIT_REF");
    if (ref != null && !ref.startsWith("refs/") && !ref.isBlank()) {
      ref = "refs/heads/" + ref;
    }
    return new Values("Tekton", env.get("GIT_URL"), ref, env.get("GIT_COMMIT"),
        env.getOrDefault("TEKTON_BUILDER_ID", "https://tekton.dev/chains/v2"), TYPE_PREFIX + "tekton/v1", invocation,
        env.getOrDefault("TEKTON_TASK", env.get("TEKTON_PIPELINE")), JsonNodeFactory.instance.objectNode(),
        internal);
  }

  private static boolean present(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  private static void putIf(ObjectNode o, String field, String value) {
    if (value != null && !value.isBlank()) {
      o.put(field, value);
    }
  }

  private static String strip(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
