package dev.countersign.policy;

/**
 * Answers whether a commit is reachable from a ref of a repository (e.g. by asking the git host or a local clone:
 * {@code git merge-base --is-ancestor COMMIT REF}). The caller supplies it to a {@link PolicyEvaluator} when the
 * policy requires {@linkplain ProvenancePolicy#commitsReachableFrom() commits reachable from} some refs; policy
 * evaluation itself never touches the network.
 */
@FunctionalInterface
public interface CommitGraph {
  /**
   * Whether {@code commit} is reachable from {@code ref}.
   *
   * @param repository the normalised repository ({@code github.com/acme/web})
   * @param commit the commit id from the provenance
   * @param ref a ref from the policy ({@code refs/heads/main})
   */
  boolean isReachable(String repository, String commit, String ref);
}
