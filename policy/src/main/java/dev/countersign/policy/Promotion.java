package dev.countersign.policy;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Signer;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.SignatureFormat;
import java.time.Clock;
import java.util.Objects;

/**
 * The platform team's promotion gate (seed steps 6-10): resolve the image digest once, verify the developer
 * signatures (M of N distinct trusted keys), verify the provenance attestations and evaluate the
 * {@link ProvenancePolicy}, and only if everything passes: sign the same digest with the platform key, attach a
 * signed SLSA verification summary (VSA), and tag the image for production. On rejection nothing is written and the
 * {@link PromotionResult} names the failed check. Every write is skipped when already done, so a promotion that
 * crashed half-way can simply be run again; the tag is written last, so {@code prod} never points at an image without
 * its platform signature and VSA.
 *
 * <pre>{@code
 * PromotionResult r = Promotion.builder()
 *     .developerKeys(KeyResolver.of(devKey)).threshold(1)
 *     .policy(PolicyDocument.read(Path.of("policy.yaml")))
 *     .platformSigner(platformSigner)
 *     .build()
 *     .promote(repo, "registry.example/team/web", "dev", "prod");
 * if (!r.promoted()) System.err.println(r.reason().orElseThrow());
 * }</pre>
 */
public final class Promotion {
  /** The VSA's verifier id unless set. */
  public static final String DEFAULT_VERIFIER_ID = "https://countersign.dev/promote/v1";

  final KeyResolver developerKeys;
  final int threshold;
  final PolicyDocument policy;
  final Signer platformSigner;
  final KeyResolver platformKeys;
  final SignatureFormat format;
  final String verifierId;
  final Clock clock;
  final CommitGraph commitGraph;
  final String verifiedLevel;

  private Promotion(Builder b) {
    this.developerKeys = Objects.requireNonNull(b.developerKeys, "developerKeys");
    this.threshold = b.threshold;
    this.policy = Objects.requireNonNull(b.policy, "policy");
    this.platformSigner = Objects.requireNonNull(b.platformSigner, "platformSigner");
    this.platformKeys = KeyResolver.of(Verifiers.of(platformSigner));
    this.format = b.format;
    this.verifierId = b.verifierId;
    this.clock = b.clock;
    this.commitGraph = b.commitGraph;
    this.verifiedLevel = b.verifiedLevel;
  }

  /** The policy evaluator for this promotion's policy. */
  PolicyEvaluator evaluator() {
    PolicyEvaluator.Builder b = PolicyEvaluator.builder(policy.policy());
    if (commitGraph != null) {
      b.commitGraph(commitGraph);
    }
    return b.build();
  }

  /** A builder; developer keys, policy and platform signer are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Promotes {@code tagOrDigest} of {@code repo} (whose signing identity is {@code dockerReference}, e.g.
   * {@code registry.example/team/web}) by tagging it {@code targetTag} in the same repository.
   */
  public PromotionResult promote(Repository repo, String dockerReference, String tagOrDigest, String targetTag) {
    return new PromotionRun(this, repo, dockerReference, tagOrDigest, repo, targetTag).run();
  }

  /**
   * Promotes into another repository (a production repository): the image is copied there by digest, signed and
   * attested there, then tagged {@code targetTag}.
   */
  public PromotionResult promote(Repository repo, String dockerReference, String tagOrDigest, Repository target,
      String targetDockerReference, String targetTag) {
    return new PromotionRun(this, repo, dockerReference, tagOrDigest, target, targetTag)
        .targetReference(targetDockerReference).run();
  }

  /** Validating builder for {@link Promotion}. */
  public static final class Builder {
    private KeyResolver developerKeys;
    private int threshold = 1;
    private PolicyDocument policy;
    private Signer platformSigner;
    private SignatureFormat format = SignatureFormat.BOTH;
    private String verifierId = DEFAULT_VERIFIER_ID;
    private Clock clock = Clock.systemUTC();
    private CommitGraph commitGraph;
    private String verifiedLevel = "SLSA_BUILD_LEVEL_1";

    private Builder() {}

    /** The developers' trusted public keys. */
    public Builder developerKeys(Verifier... keys) {
      this.developerKeys = KeyResolver.of(keys);
      return this;
    }

    /** The developers' trusted public keys, as a resolver (a keyring, a key directory). */
    public Builder developerKeys(KeyResolver keys) {
      this.developerKeys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** How many distinct developer keys must have signed the image and its provenance; default 1. */
    public Builder threshold(int threshold) {
      if (threshold < 1) {
        throw new InvalidInputException("threshold must be at least 1, got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** The provenance policy and where it came from (its URI and digest go into the VSA). */
    public Builder policy(PolicyDocument policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The platform key: signs the promoted digest and the VSA. */
    public Builder platformSigner(Signer signer) {
      this.platformSigner = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /** Signature and attestation schemes written; default both. */
    public Builder format(SignatureFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The VSA's {@code verifier.id}; default {@value #DEFAULT_VERIFIER_ID}. */
    public Builder verifierId(String id) {
      this.verifierId = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Time source for the age check and the VSA's {@code timeVerified}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Answers "is this commit reachable from that ref" for policies that ask. */
    public Builder commitGraph(CommitGraph graph) {
      this.commitGraph = Objects.requireNonNull(graph, "graph");
      return this;
    }

    /**
     * The SLSA level the VSA states as verified; default {@code SLSA_BUILD_LEVEL_1} (verified provenance exists).
     * Claim more only when the policy's trusted builders meet that level.
     */
    public Builder verifiedLevel(String level) {
      this.verifiedLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    public Promotion build() {
      return new Promotion(this);
    }
  }
}
