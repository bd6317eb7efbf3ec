package dev.countersign.examples;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.CosignKeyFiles;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.policy.PolicyDocument;
import dev.countersign.policy.Promotion;
import dev.countersign.policy.PromotionResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed's first workflow end to end (build system, registry, platform team, customer) on embedded defaults: an
 * OCI layout on disk stands in for the registry and the keys are generated as cosign key files. The build system
 * builds {@code web:dev} from {@code main}, signs it and attaches signed SLSA provenance ({@link BuildSystem}); the
 * platform team promotes it to {@code :prod} under a provenance policy file, which signs it with the platform key
 * and attaches a verification summary; a second build, from another branch, is rejected with the reason and
 * leaves the registry unchanged; the customer verifies {@code :prod} and its summary with the platform key only
 * ({@link Customer}). Every unexpected outcome throws.
 */
public final class SupplyChainDemo {
  static final String REFERENCE = "demo.local/acme/web";
  static final String POLICY_URI = "https://policies.acme.example/web/policy.yaml";
  static final String MAIN = "refs/heads/main";
  static final String MAIN_COMMIT = "3f9c2a7d5e1b4c8a9f0e6d2b7a1c5e8f4d3b2a10";
  static final String BRANCH = "refs/heads/experiment";
  static final String BRANCH_COMMIT = "b71e04c9a2f35d86e1c07b4a9d2f3e5c6a8b9d01";

  /** Both promotions, for tests. */
  record Outcome(PromotionResult promoted, PromotionResult rejected) {}

  private SupplyChainDemo() {}

  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "target/demo"));
  }

  static Outcome run(Path dir) throws IOException {
    return run(dir, policyFile());
  }

  /** The workflow under {@code policyBytes} (tests pass a looser policy to see the demo refuse the outcome). */
  static Outcome run(Path dir, byte[] policyBytes) throws IOException {
    Files.createDirectories(dir);
    char[] password = "demo-only".toCharArray(); // real keys come from a KMS or a prompt, never a literal
    try {
      KeyBackends keys = KeyBackends.discover();
      Signer developer = keys.signer(writeKeys(dir, "developer", password).toString(), PasswordSource.of(password));
      Signer platform = keys.signer(writeKeys(dir, "platform", password).toString(), PasswordSource.of(password));
      Repository registry = freshLayout(dir.resolve("registry"));
      BuildSystem ci = new BuildSystem(registry, REFERENCE, developer);

      // 1-5. Build system: a commit on main is built, pushed as :dev, signed, and its provenance attached.
      Descriptor good = ci.build(BuildSystem.SOURCE, MAIN, MAIN_COMMIT, "1.0.0");

      // 6-9. Platform team: the policy file, then the promotion gate (checks first, writes only when all pass).
      Files.write(dir.resolve("web-policy.yaml"), policyBytes);
      PolicyDocument policy = PolicyDocument.parse(policyBytes, POLICY_URI);
      System.out.println("platform: policy " + policy.uri() + " (" + policy.digest() + "), also in "
          + dir.resolve("web-policy.yaml") + ":");
      new String(policyBytes, StandardCharsets.UTF_8).lines()
          .forEach(l -> System.out.println("            | " + l));
      Promotion promotion = Promotion.builder().developerKeys(keys.resolver(dir.resolve("developer.pub").toString()))
          .threshold(1).policy(policy).platformSigner(platform).build();
      System.out.println("platform: 6-9. promote " + REFERENCE + ":dev -> :prod (pull, verify developer signature,"
          + " verify provenance, check policy; then sign with the platform key, attach VSA, tag)");
      PromotionResult promoted = promotion.promote(registry, REFERENCE, "dev", "prod");
      PromotionReport.print(promoted);
      expect(promoted.promoted(), "the build from main was not promoted: " + promoted);
      expect(registry.resolve("prod").orElseThrow().digest().equals(good.digest()), ":prod is not the built image");

      // A second build, from a branch the policy does not allow, is rejected; nothing is written.
      System.out.println();
      Descriptor bad = ci.build(BuildSystem.SOURCE, BRANCH, BRANCH_COMMIT, "1.1.0-experiment");
      List<String> tagsBefore = registry.tags();
      int referrersBefore = registry.referrers(bad.digest(), null).size();
      System.out.println("platform: 6-9. promote " + REFERENCE + ":dev -> :prod (the same gate, for this build)");
      PromotionResult rejected = promotion.promote(registry, REFERENCE, "dev", "prod");
      PromotionReport.print(rejected);
      expect(!rejected.promoted() && rejected.reason().orElseThrow().startsWith("build provenance mismatch: "),
          "the build from " + BRANCH + " was not rejected for its provenance: " + rejected);
      expect(rejected.actions().isEmpty(), "a rejected promotion wrote " + rejected.actions());
      expect(registry.tags().equals(tagsBefore), "a rejected promotion changed the tags");
      expect(registry.referrers(bad.digest(), null).size() == referrersBefore,
          "a rejected promotion attached something to " + bad.digest());
      String pinned = bad.digest().toString();
      expect(!ImageVerifier.builder().trust(Verifiers.of(platform)).build().verify(registry, pinned).passed()
          && ImageAttestationVerifier.builder().trust(Verifiers.of(platform)).build().verify(registry, pinned)
              .verified().isEmpty(), "the rejected image carries a platform signature or attestation");
      expect(tagsOn(registry, bad.digest()).equals(List.of("dev")), "the rejected image got another tag");
      System.out.println("registry: unchanged by the rejection:");
      System.out.println("            tags on the rejected image: " + tagsOn(registry, bad.digest())
          + "; :prod still = " + registry.resolve("prod").orElseThrow().digest());
      System.out.println("            its referrers: still " + referrersBefore
          + " (the build's signature and provenance bundles), none by the platform key");
      System.out.println();

      // 10-11. Customer: trusts only platform.pub (from the CDN in the real workflow).
      Customer customer = new Customer(registry, REFERENCE, keys.resolver(dir.resolve("platform.pub").toString()));
      expect(customer.verify("prod").equals(good.digest()), "the customer got another image than the promoted one");
      customer.refuse("dev");
      return new Outcome(promoted, rejected);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** The tags (not signature or attestation tags) that point at {@code digest}. */
  static List<String> tagsOn(Repository registry, Digest digest) {
    return registry.tags().stream().filter(t -> registry.resolve(t).map(d -> d.digest().equals(digest))
        .orElse(false)).toList();
  }

  static byte[] policyFile() throws IOException {
    try (InputStream in = SupplyChainDemo.class.getResourceAsStream("web-policy.yaml")) {
      if (in == null) {
        throw new IllegalStateException("web-policy.yaml is missing from the demo's resources");
      }
      return in.readAllBytes();
    }
  }

  /** The demo's registry starts empty, also when the demo runs again in the same directory. */
  static OciLayout freshLayout(Path dir) throws IOException {
    if (Files.exists(dir.resolve("oci-layout"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return OciLayout.create(dir);
  }

  static Path writeKeys(Path dir, String name, char[] password) throws IOException {
    CosignKeyFiles files = CosignKeys.export(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256), password);
    Path key = dir.resolve(name + ".key");
    Files.writeString(key, files.privateKeyPem());
    Files.writeString(dir.resolve(name + ".pub"), files.publicKeyPem());
    return key;
  }

  private static void expect(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
