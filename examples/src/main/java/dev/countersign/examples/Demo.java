package dev.countersign.examples;

import java.nio.file.Path;

/**
 * The end-to-end demo the README's first command runs, on embedded defaults (generated keys, an OCI layout in
 * {@code target/demo} for a registry): blob signing ({@link Quickstart}), then the image workflow with provenance
 * and promotion ({@link SupplyChainDemo}), then the Helm chart workflow with a PGP key ({@link HelmChartsDemo}),
 * then the distribution workflow with an SBOM ({@link DistributionDemo}; with the environment variable
 * {@code COUNTERSIGN_DEMO_KMS_KEY=awskms:///alias/...} its release key is that AWS KMS key), then key ceremony,
 * publication and rotation ({@link KeysDemo}).
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/demo");
    System.out.println("== Blobs: sign and verify a file (cosign sign-blob / verify-blob formats)");
    Quickstart.main(new String[] {dir.resolve("blob").toString()});
    System.out.println();
    System.out.println("== Images: build + provenance, sign, attest; promote under a policy (one passes, one is"
        + " rejected); verify as a customer");
    SupplyChainDemo.run(dir.resolve("image"));
    System.out.println();
    System.out.println("== Helm charts: PGP key ceremony, package, sign, publish, verify as a user (helm verify)");
    HelmChartsDemo.run(dir.resolve("helm"));
    System.out.println();
    System.out.println("== Distribution: build an image, generate its SBOM, sign both, push; fetch and verify as an"
        + " end user (cosign verify / verify-attestation --type cyclonedx)");
    DistributionDemo.run(dir.resolve("distribution"), System.getenv(DistributionDemo.KMS_KEY_VARIABLE));
    System.out.println();
    System.out.println("== Keys: 2-of-3 key ceremony, publication on a loopback CDN, 90-day rotation, revocation;"
        + " the customer resolves keys from the CDN (keys propose / sign / publish / rotate, verify --keys)");
    KeysDemo.run(dir.resolve("keys"));
  }
}
