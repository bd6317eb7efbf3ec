package dev.countersign.examples;

import static dev.countersign.examples.DistributionDemo.expect;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.Verifier;
import dev.countersign.oci.ImageCopy;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.sbom.SbomVerification;
import dev.countersign.sbom.SbomVerifier;
import java.util.List;
import java.util.Objects;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;

/**
 * The end user of the seed's second workflow (steps 11-14): fetches the image with its signatures and SBOM from
 * the registry into a local layout, downloads the public key from the CDN (pinned by its SHA-256), verifies the image signature
 * ({@code cosign verify --key}) and the signed SBOM ({@code cosign verify-attestation --type cyclonedx}); the SBOM
 * is only read after its signature and subject verified. Then fail-closed: under another key the SBOM is refused
 * and nothing of it is handed out.
 */
final class EndUser {
  private final Repository local;
  private final String reference;

  EndUser(Repository local, String reference) {
    this.local = Objects.requireNonNull(local, "local");
    this.reference = Objects.requireNonNull(reference, "reference");
  }

  /** 11-12. Fetches {@code tag} with its signatures and SBOM attestation from {@code registry}. */
  void fetch(Repository registry, String tag) {
    ImageCopy.Result fetched = ImageCopy.withSignatures().copy(registry, tag, local, tag);
    System.out.println("user:         11-12. fetched " + reference + ":" + tag + " = " + fetched.descriptor().digest()
        + " with its signatures and SBOM (" + fetched.manifests() + " manifests, " + fetched.blobsCopied()
        + " blobs)");
  }

  /**
   * 13. The public key, downloaded from the CDN at {@code url} (the {@code https}/{@code http} key backend of
   * countersign-keys); its bytes must have the SHA-256 {@code sha256Hex}, published out of band.
   */
  Verifier fetchKey(String url, String sha256Hex) {
    Verifier key = KeyBackends.discover().verifier(url + "#sha256=" + sha256Hex);
    System.out.println("user:         13. downloaded the public key " + url + " (SHA-256 " + sha256Hex.substring(0, 12)
        + "... as pinned; key " + key.keyId() + ")");
    return key;
  }

  /** 14. Verifies the image and its SBOM with {@code key}; prints the SBOM's components; throws on failure. */
  SbomVerification verify(String tag, Digest expected, Verifier key) {
    ImageVerificationResult image = ImageVerifier.builder().trust(key).build().verify(local, tag).orThrow();
    expect(image.digest().orElseThrow().equals(expected), "the user verified another image: " + image.digest());
    System.out.println("user:         14. image signature verified (" + image.verified().size()
        + " signatures by that key: cosign .sig tag and bundle)");

    SbomVerification sbom = SbomVerifier.builder().trust(key).build().verify(local, tag).orThrow();
    expect(sbom.digest().orElseThrow().equals(expected), "the SBOM is about another image: " + sbom.digest());
    Bom bom = sbom.bom().orElseThrow();
    System.out.println("user:             SBOM verified: CycloneDX " + sbom.specVersion().orElseThrow()
        + ", signed by " + sbom.keyIds() + ", subject " + expected.toString().substring(0, 19) + "...; "
        + bom.getComponents().size() + " components:");
    for (Component c : bom.getComponents()) {
      String id = c.getName() + "@" + c.getVersion();
      System.out.printf("                  %-32s %s%n", id, c.getPurl() != null ? c.getPurl()
          : "(" + c.getType().getTypeName() + ")");
    }
    return sbom;
  }

  /** Checks that the SBOM of {@code tag} is refused under {@code otherKey} and nothing of it is handed out. */
  SbomVerification refuseSbom(String tag, Verifier otherKey) {
    SbomVerification refused = SbomVerifier.builder().trust(otherKey).build().verify(local, tag);
    expect(!refused.passed(), "the SBOM verified with " + otherKey.keyId() + ", a key that did not sign it");
    expect(refused.bom().isEmpty() && refused.json().isEmpty(), "a refused SBOM was handed out");
    List<FoundAttestation> failed = refused.attestations().attestations().stream()
        .filter(a -> a.status() == FoundAttestation.Status.FAILED).toList();
    expect(!failed.isEmpty(), "the refusal did not check the SBOM attestations: " + refused);
    System.out.println("user:             the same SBOM checked with last period's key " + otherKey.keyId()
        + ": REFUSED, no SBOM handed out:");
    failed.forEach(a -> System.out.println("                  " + (a.format() == SignatureFormat.LEGACY
        ? "cosign .att layer: " : "bundle referrer:   ") + a.reason().orElse("")));
    return refused;
  }
}
