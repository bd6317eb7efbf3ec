package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.Descriptor;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.InMemoryRepository.Op;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.TestSigners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent signers on one image: read-modify-write interleavings forced by the repository's hook. */
class SignerRaceTest {

  /** Makes the first {@code parties} events matching {@code op} on tags ending in {@code suffix} meet. */
  static InMemoryRepository.Hook rendezvous(Op op, String suffix, int parties, InMemoryRepository.Hook next) {
    CyclicBarrier barrier = new CyclicBarrier(parties);
    AtomicInteger seen = new AtomicInteger();
    return (o, ref) -> {
      if (o == op && ref.endsWith(suffix) && seen.incrementAndGet() <= parties) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("interleaving not reached", e);
        }
      }
      next.on(o, ref);
    };
  }

  static void runConcurrently(List<Runnable> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      tasks.forEach(t -> futures.add(pool.submit(t)));
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static ImageVerificationResult verifyWith(InMemoryRepository repo, String label) {
    return ImageVerifier.builder().trust(TestSigners.p256Verifier(label)).build().verify(repo, "v1");
  }

  private void twoSigners(InMemoryRepository repo, Descriptor image, SignatureFormat format, Duration confirmDelay)
      throws Exception {
    List<Runnable> tasks = new ArrayList<>();
    for (String label : List.of("racer-a", "racer-b")) {
      tasks.add(() -> ImageSigner.builder(TestSigners.p256(label)).format(format).confirmDelay(confirmDelay).build()
          .sign(repo, "r/app", image));
    }
    runConcurrently(tasks);
    repo.hook((op, ref) -> { });
    for (String label : List.of("racer-a", "racer-b")) {
      ImageVerificationResult r = verifyWith(repo, label);
      assertTrue(r.passed(), () -> label + ": " + r);
    }
  }

  @Test
  void bothReadBeforeEitherWritesAndBothWriteBeforeEitherConfirms() throws Exception {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    repo.hook(rendezvous(Op.MANIFEST_READ, ".sig", 2, rendezvous(Op.AFTER_PUT, ".sig", 2, (o, r) -> { })));
    twoSigners(repo, image, SignatureFormat.LEGACY, Duration.ZERO);
    String tag = Triangulation.signatureTag(image.digest());
    assertEquals(2, ImageSignerTest.json(repo, tag).get("layers").size());
    // One signer lost its layer to the other's write and put it back.
    assertTrue(repo.log().stream().filter(l -> l.equals("put " + tag)).count() >= 3, repo.log()::toString);
  }

  @Test
  void theConfirmDelayCatchesAWriteThatLandsJustAfterOurs() throws Exception {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    repo.hook(rendezvous(Op.MANIFEST_READ, ".sig", 2, (o, r) -> { }));
    twoSigners(repo, image, SignatureFormat.LEGACY, Duration.ofMillis(300));
    assertEquals(2, ImageSignerTest.json(repo, Triangulation.signatureTag(image.digest())).get("layers").size());
  }

  @Test
  void concurrentBundleSignersKeepBothFallbackIndexEntries() throws Exception {
    InMemoryRepository repo = new InMemoryRepository("r/app")
        .referrersMode(InMemoryRepository.ReferrersMode.FALLBACK_UNMAINTAINED);
    Descriptor image = InMemoryImages.image(repo, "v1");
    String index = Triangulation.referrersTag(image.digest());
    // Both read the fallback index, both write it, then both confirm.
    repo.hook(rendezvous(Op.MANIFEST_READ, index, 2, rendezvous(Op.AFTER_PUT, index, 2, (o, r) -> { })));
    twoSigners(repo, image, SignatureFormat.BUNDLE, Duration.ZERO);
    assertEquals(2, ImageSignerTest.json(repo, Triangulation.referrersTag(image.digest())).get("manifests").size());
  }

  @Test
  void manySignersUnsynchronised() throws Exception {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    List<Runnable> tasks = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      String label = "many-" + t;
      tasks.add(() -> {
        for (int i = 0; i < 3; i++) {
          ImageSigner.builder(TestSigners.p256(label)).format(SignatureFormat.LEGACY)
              .confirmDelay(Duration.ofMillis(30)).build().sign(repo, "r/app", image);
        }
      });
    }
    runConcurrently(tasks);
    assertEquals(18, ImageSignerTest.json(repo, Triangulation.signatureTag(image.digest())).get("layers").size());
    for (int t = 0; t < 6; t++) {
      assertEquals(3, verifyWith(repo, "many-" + t).verified().size());
    }
  }
}
