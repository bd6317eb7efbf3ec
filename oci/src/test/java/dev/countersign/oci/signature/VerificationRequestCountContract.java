package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.TestImages;
import dev.countersign.oci.testing.TestSigners;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP requests one image verification costs, so that a regression in request economy fails: against the real
 * docker-registry (anonymous, no referrers API: {@link VerificationRequestCountTest}) and TestRegistry (with the
 * API: {@link TestRegistryVerificationRequestCountTest}). cosign's legacy flow is 3: resolve the tag, the
 * {@code .sig} manifest, the payload blob.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VerificationRequestCountContract {
  private static final String REPO = "counts/app";

  /** The registry under test, anonymous. */
  abstract ContractRegistry target();

  @BeforeAll
  void signedImage() {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(target().reference(REPO));
      Descriptor image = repo.putManifest(TestImages.pushImageBlobs(repo), "v1");
      ImageSigner.builder(TestSigners.p256("counts")).confirmDelay(Duration.ZERO).build()
          .sign(repo, repo.name(), image);
    }
  }

  private static Registry client() {
    return Registry.builder().credentials(CredentialsProvider.anonymous()).build();
  }

  private static ImageVerifier.Builder verifier(SignatureFormat format) {
    return ImageVerifier.builder().trust(TestSigners.p256Verifier("counts")).formats(format);
  }

  /** Requests {@code verify} makes with a fresh client (nothing known about the registry). */
  private long[] counts(Function<RegistryRepository, ImageVerificationResult> verify, int times) {
    long[] out = new long[times];
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(target().reference(REPO));
      for (int i = 0; i < times; i++) {
        long before = registry.requestCount();
        ImageVerificationResult r = verify.apply(repo);
        assertTrue(r.passed(), r::toString);
        out[i] = registry.requestCount() - before;
      }
    }
    return out;
  }

  /**
   * Cold: LEGACY = HEAD tag, GET .sig, GET payload. BUNDLE without the referrers API = HEAD tag, GET referrers
   * (404: no API, remembered), GET the sha256-hex fallback index, GET the referrer manifest, GET the bundle blob;
   * cosign makes the same probe. With the API the fallback index is not read: one request less. Second verification
   * with the same client and no verification cache: the referrers probe is remembered and digest-addressed content
   * (referrer manifest, payload and bundle blobs) comes from the content cache; only the tags (image, .sig, fallback
   * index) or the referrers listing are asked again. With a verification cache: the tag HEAD only.
   */
  @ParameterizedTest
  @CsvSource({"LEGACY, 3, 2, 3, 2", "BUNDLE, 5, 2, 4, 2", "BOTH, 7, 3, 6, 3"})
  void coldSecondAndCachedVerification(SignatureFormat format, long coldNoApi, long secondNoApi, long coldApi,
      long secondApi) {
    long cold = target().count(coldNoApi, coldApi);
    long second = target().count(secondNoApi, secondApi);
    long[] plain = counts(repo -> verifier(format).build().verify(repo, "v1"), 2);
    assertEquals(cold, plain[0], "cold " + format);
    assertEquals(second, plain[1], "second " + format);
    ImageVerifier cached = verifier(format).cache(VerificationCache.create()).build();
    long[] withCache = counts(repo -> cached.verify(repo, "v1"), 3);
    assertEquals(cold, withCache[0], "cold " + format + " with an empty cache");
    assertEquals(1, withCache[1], "warm " + format + ": only the tag is resolved");
    assertEquals(1, withCache[2]);
  }

  @Test
  void referrersProbeIsMadeOncePerClient() {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(target().reference(REPO));
      Descriptor image = repo.resolve("v1").orElseThrow();
      long before = registry.requestCount();
      assertEquals(1, repo.referrers(image.digest(), null).size());
      // without the API: GET referrers (404), GET fallback index, GET the referrer to read its own type and
      // subject; with it: GET referrers, whose descriptors carry the artifact type
      assertEquals(target().count(3, 1), registry.requestCount() - before);
      RegistryRepository other = registry.repository(target().reference("counts/other"));
      before = registry.requestCount();
      assertTrue(other.referrers(image.digest(), null).isEmpty());
      // without the API the registry is known to lack it: only the tag; with it: the listing
      assertEquals(1, registry.requestCount() - before);
    }
  }

  @Test
  void recursiveIndexIsReadOnceNotHeadThenGet() {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(target().reference("counts/multi"));
      Descriptor child = repo.putManifest(TestImages.pushImageBlobs(repo, Map.of("n", "1")), null);
      Manifest index = ImageIndex.builder().add(child).build().manifest();
      Descriptor top = repo.putManifest(index, "multi");
      assertTrue(MediaTypes.isIndex(top.mediaType()));
      ImageSigner.builder(TestSigners.p256("counts")).confirmDelay(Duration.ZERO).format(SignatureFormat.LEGACY)
          .recursive(true).build().sign(repo, repo.name(), top);
      long before = registry.requestCount();
      ImageVerificationResult r = verifier(SignatureFormat.LEGACY).recursive(true).build().verify(repo, "multi");
      assertTrue(r.passed(), r::toString);
      assertEquals(List.of(top.digest(), child.digest()), r.subjects());
      // GET index by tag (its children are read from it: no HEAD first), then .sig + payload for each of the two
      assertEquals(5, registry.requestCount() - before);
    }
  }
}
