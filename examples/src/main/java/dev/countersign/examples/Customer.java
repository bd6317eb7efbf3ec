package dev.countersign.examples;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.ResourceDescriptor;
import dev.countersign.core.intoto.VerificationSummary;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.FoundSignature;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import java.util.Objects;

/**
 * The customer of the seed's first workflow (steps 10-11): pulls {@code :prod} and trusts only the platform's
 * public key (fetched from the CDN in the real workflow): the platform signature must verify ({@code cosign verify
 * --key platform.pub}), and the platform's signed verification summary (VSA) must say PASSED for this very digest
 * ({@code cosign verify-attestation --type https://slsa.dev/verification_summary/v1}).
 */
final class Customer {
  private final Repository registry;
  private final String reference;
  private final KeyResolver platformKey;

  Customer(Repository registry, String reference, KeyResolver platformKey) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.platformKey = Objects.requireNonNull(platformKey, "platformKey");
  }

  /** Verifies {@code tag} and its VSA, printing what was established; throws when either fails. */
  Digest verify(String tag) {
    ImageVerificationResult signature = ImageVerifier.builder().keyResolver(platformKey).build()
        .verify(registry, tag).orThrow();
    Digest digest = signature.digest().orElseThrow();
    System.out.println("customer: 10. pulled " + reference + ":" + tag + " = " + digest);
    long checked = signature.signatures().stream().filter(s -> s.status() != FoundSignature.Status.IGNORED).count();
    System.out.println("customer: 11. platform signature verified with platform.pub (" + signature.verified().size()
        + " of the " + checked + " signatures on it are by that key: cosign .sig tag and bundle)");

    ImageAttestationResult vsas = ImageAttestationVerifier.builder().keyResolver(platformKey)
        .type(PredicateTypes.SLSA_VSA_V1).build().verify(registry, tag).orThrow();
    VerificationSummary vsa = VerificationSummary.from(vsas.statements().get(0));
    String expectedResource = reference + "@" + digest;
    if (!vsa.passed() || !vsa.resourceUri().equals(expectedResource)) {
      throw new IllegalStateException("the VSA does not vouch for " + expectedResource + ": " + vsa);
    }
    ResourceDescriptor policy = vsa.policy();
    System.out.println("customer:     verification summary signed by the platform key, for this digest:");
    System.out.println("                verifier:  " + vsa.verifierId() + " at " + vsa.timeVerified());
    System.out.println("                policy:    " + policy.uri().orElse("?") + " sha256:"
        + policy.digest().asMap().get("sha256"));
    System.out.println("                result:    " + vsa.verificationResult() + " " + vsa.verifiedLevels()
        + ", " + vsa.inputAttestations().size() + " input attestation(s)");
    return digest;
  }

  /** Checks that {@code tag} is refused (no platform signature); prints and returns the reason. */
  String refuse(String tag) {
    ImageVerificationResult result = ImageVerifier.builder().keyResolver(platformKey).build().verify(registry, tag);
    if (result.passed()) {
      throw new IllegalStateException(reference + ":" + tag + " verified with the platform key but was never promoted");
    }
    String reason = result.reason().orElseThrow();
    System.out.println("customer:     " + reference + ":" + tag + " (never promoted) rejected: " + reason);
    return reason;
  }
}
