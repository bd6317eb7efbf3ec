package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.TestSigners;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {
  private static final SignatureAlgorithm P256 = SignatureAlgorithm.ECDSA_P256_SHA256;

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Descriptor signedImage(InMemoryRepository repo, String tag, SignatureFormat format) {
    Descriptor image = InMemoryImages.image(repo, tag);
    ImageSigner.builder(TestSigners.signer(P256, "cache")).confirmDelay(Duration.ZERO).format(format).build()
        .sign(repo, repo.name(), image);
    return image;
  }

  private static ImageVerifier.Builder verifier(VerificationCache cache) {
    return ImageVerifier.builder().trust(TestSigners.verifier(P256, "cache")).cache(cache);
  }

  @Test
  void aPassIsReusedWithOnlyTheTagResolved() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = signedImage(repo, "v1", SignatureFormat.BOTH);
    VerificationCache cache = VerificationCache.create();
    ImageVerifier v = verifier(cache).build();
    ImageVerificationResult first = v.verify(repo, "v1");
    assertTrue(first.passed(), first::toString);
    repo.clearLog();
    ImageVerificationResult second = v.verify(repo, "v1");
    assertEquals(List.of("resolve v1"), repo.log());
    assertTrue(second.passed());
    assertEquals(image.digest(), second.digest().get());
    assertEquals(first.signatures(), second.signatures());
    assertTrue(second.notes().get(second.notes().size() - 1).startsWith("cached result: " + image.digest()),
        second.notes()::toString);
    // the same digest under another name: the reference of the result is the one asked for
    repo.putManifest(repo.manifest("v1").get(), "latest");
    assertEquals("latest", v.verify(repo, "latest").reference());
    assertEquals(1, cache.size());
  }

  @Test
  void aMovedTagIsVerifiedAfresh() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    signedImage(repo, "v1", SignatureFormat.LEGACY);
    ImageVerifier v = verifier(VerificationCache.create()).build();
    assertTrue(v.verify(repo, "v1").passed());
    Descriptor unsigned = InMemoryImages.image(repo, null);
    repo.putManifest(repo.manifest(unsigned.digest().toString()).get(), "v1");
    ImageVerificationResult moved = v.verify(repo, "v1");
    assertFalse(moved.passed(), moved::toString);
    assertEquals(unsigned.digest(), moved.digest().get());
  }

  @Test
  void entriesExpireAfterTheTtlMeasuredFromTheStartOfVerification() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = signedImage(repo, "v1", SignatureFormat.LEGACY);
    MutableClock clock = new MutableClock();
    ImageVerifier v = verifier(VerificationCache.create(10, Duration.ofMinutes(1), clock)).build();
    assertTrue(v.verify(repo, "v1").passed());
    clock.now = clock.now.plusSeconds(59);
    repo.clearLog();
    assertTrue(v.verify(repo, "v1").passed());
    assertEquals(1, repo.log().size(), repo.log()::toString);
    // the signature is removed: within the TTL the cached pass stands (documented), after it the removal is seen
    repo.deleteManifest(repo.resolve(Triangulation.signatureTag(image.digest())).get().digest());
    assertTrue(v.verify(repo, "v1").passed());
    clock.now = clock.now.plusSeconds(1);
    ImageVerificationResult expired = v.verify(repo, "v1");
    assertFalse(expired.passed(), expired::toString);
  }

  @Test
  void failuresAreNeverCached() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    InMemoryImages.image(repo, "v1");
    VerificationCache cache = VerificationCache.create();
    ImageVerifier v = verifier(cache).build();
    assertFalse(v.verify(repo, "v1").passed());
    assertEquals(0, cache.size());
    Descriptor image = repo.resolve("v1").get();
    ImageSigner.builder(TestSigners.signer(P256, "cache")).confirmDelay(Duration.ZERO).build()
        .sign(repo, repo.name(), image);
    assertTrue(v.verify(repo, "v1").passed(), "signed since the failure: verified, not a cached failure");
    assertEquals(1, cache.size());
  }

  @Test
  void aPassUnderOnePolicyIsNotReusedUnderAnother() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    signedImage(repo, "v1", SignatureFormat.LEGACY);
    VerificationCache cache = VerificationCache.create();
    assertTrue(verifier(cache).build().verify(repo, "v1").passed());
    // other keys
    assertFalse(ImageVerifier.builder().trust(TestSigners.verifier(P256, "someone-else")).cache(cache).build()
        .verify(repo, "v1").passed());
    // required annotation
    assertFalse(verifier(cache).requireAnnotation("env", "prod").build().verify(repo, "v1").passed());
    // formats: the image has no bundle
    assertFalse(verifier(cache).formats(SignatureFormat.BUNDLE).build().verify(repo, "v1").passed());
    // identity
    assertFalse(verifier(cache).dockerReference("elsewhere/app").build().verify(repo, "v1").passed());
    // a resolver that yields the trusted key: only that resolver instance shares entries
    KeyResolver resolver = KeyResolver.of(TestSigners.verifier(P256, "cache"));
    ImageVerifier viaResolver = ImageVerifier.builder().keyResolver(resolver).cache(cache).build();
    assertTrue(viaResolver.verify(repo, "v1").passed());
    repo.clearLog();
    assertTrue(ImageVerifier.builder().keyResolver(resolver).cache(cache).build().verify(repo, "v1").passed());
    assertEquals(1, repo.log().size(), repo.log()::toString);
    // the same digest in another repository is verified there
    InMemoryRepository other = new InMemoryRepository("r/other").checkReferences(false);
    other.putManifest(repo.manifest("v1").get(), "v1");
    assertFalse(verifier(cache).build().verify(other, "v1").passed());
  }

  @Test
  void boundedLeastRecentlyUsedFirstOut() {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    for (String t : List.of("a", "b", "c")) {
      signedImage(repo, t, SignatureFormat.LEGACY);
    }
    VerificationCache cache = VerificationCache.create(2, Duration.ofHours(1));
    ImageVerifier v = verifier(cache).build();
    v.verify(repo, "a");
    v.verify(repo, "b");
    v.verify(repo, "a");
    v.verify(repo, "c"); // pushes out b, the least recently used
    assertEquals(2, cache.size());
    repo.clearLog();
    v.verify(repo, "a");
    v.verify(repo, "c");
    assertEquals(List.of("resolve a", "resolve c"), repo.log());
    v.verify(repo, "b");
    assertTrue(repo.log().size() > 3, repo.log()::toString);
    cache.clear();
    assertEquals(0, cache.size());
  }

  @Test
  void concurrentVerificationsShareOneCache() throws Exception {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    List<String> tags = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7");
    tags.forEach(t -> signedImage(repo, t, SignatureFormat.LEGACY));
    VerificationCache cache = VerificationCache.create(4, Duration.ofHours(1));
    ImageVerifier v = verifier(cache).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String tag = tags.get(i % tags.size());
        results.add(pool.submit(() -> v.verify(repo, tag).passed()));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(cache.size() <= 4 && cache.size() > 0, "size " + cache.size());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(InvalidInputException.class, () -> VerificationCache.create(0, Duration.ofMinutes(1)));
    assertThrows(InvalidInputException.class, () -> VerificationCache.create(10, Duration.ZERO));
    assertThrows(InvalidInputException.class, () -> VerificationCache.create(10, Duration.ofSeconds(-1)));
    assertThrows(InvalidInputException.class, () -> VerificationCache.create(10, null));
    assertThrows(NullPointerException.class, () -> ImageVerifier.builder().cache(null));
    assertEquals(VerificationCache.DEFAULT_TTL, VerificationCache.create().ttl());
  }
}
