package dev.countersign.policy;

import static dev.countersign.policy.PromotionFixture.attest;
import static dev.countersign.policy.PromotionFixture.image;
import static dev.countersign.policy.PromotionFixture.newKey;
import static dev.countersign.policy.PromotionFixture.policy;
import static dev.countersign.policy.PromotionFixture.provenance;
import static dev.countersign.policy.PromotionFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifiers;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.oci.testing.RegistryServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Promotion against a real registry (Debian's docker-registry on 127.0.0.1): a pass, a rejection, a retry. */
class PromotionRegistryTest {
  @RegisterExtension
  static final RegistryServer REGISTRY = RegistryServer.anonymous();

  private static final Signer DEV = newKey();
  private static final Signer PLATFORM = newKey();

  private static Promotion promotion() {
    return Promotion.builder().developerKeys(Verifiers.of(DEV)).policy(policy()).platformSigner(PLATFORM).build();
  }

  @Test
  void promotesIntoTheRegistryAndARetryMakesOnlyReads() {
    try (Registry registry = Registry.create()) {
      String ref = REGISTRY.reference("acme/web");
      RegistryRepository repo = registry.repository(ref);
      Descriptor image = image(repo, "good");
      sign(repo, ref, image, List.of(DEV));
      attest(repo, ref, image, DEV, provenance(Instant.now().minus(1, ChronoUnit.HOURS)));
      PromotionResult r = promotion().promote(repo, ref, "dev", "prod");
      assertTrue(r.promoted(), r::toString);
      assertEquals(image.digest(), repo.resolve("prod").orElseThrow().digest());
      assertTrue(ImageVerifier.builder().trust(Verifiers.of(PLATFORM)).build().verify(repo, "prod").passed());
      List<String> tags = repo.tags();
      PromotionResult again = promotion().promote(repo, ref, "dev", "prod");
      assertEquals(List.of("platform signature already present", "verification summary already attached",
          "already tagged prod"), again.actions());
      assertEquals(tags, repo.tags());
    }
  }

  @Test
  void aRejectionLeavesTheRegistryAsItWas() {
    try (Registry registry = Registry.create()) {
      String ref = REGISTRY.reference("acme/rejected");
      RegistryRepository repo = registry.repository(ref);
      Descriptor image = image(repo, "bad");
      sign(repo, ref, image, List.of(DEV));
      attest(repo, ref, image, DEV, provenance(Instant.now()).source("https://github.com/acme/web",
          "refs/heads/experiment", PromotionFixture.COMMIT));
      List<String> tags = repo.tags();
      int referrers = repo.referrers(image.digest(), null).size();
      PromotionResult r = promotion().promote(repo, ref, "dev", "prod");
      assertEquals("build provenance mismatch: source ref expected refs/heads/main, got refs/heads/experiment",
          r.reason().orElseThrow());
      assertEquals(tags, repo.tags());
      assertEquals(referrers, repo.referrers(image.digest(), null).size());
      assertFalse(repo.resolve("prod").isPresent());
      Digest digest = image.digest();
      assertFalse(ImageVerifier.builder().trust(Verifiers.of(PLATFORM)).build().verify(repo, digest.toString())
          .passed());
    }
  }
}
