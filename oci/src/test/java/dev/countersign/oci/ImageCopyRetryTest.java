package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.LayoutFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blob upload that loses its connection half-way is restarted from a re-opened source; other failures are not. */
class ImageCopyRetryTest {
  @TempDir Path tmp;

  /** Fails the first {@code failures} blob uploads after reading some bytes, with {@code failure}. */
  private static Repository flaky(InMemoryRepository target, int failures, RuntimeException failure,
      AtomicInteger attempts) {
    return new Repository() {
      @Override public String name() { return target.name(); }
      @Override public Optional<Descriptor> resolve(String r) { return target.resolve(r); }
      @Override public Optional<Manifest> manifest(String r) { return target.manifest(r); }
      @Override public Descriptor putManifest(Manifest m, String tag) { return target.putManifest(m, tag); }
      @Override public void deleteManifest(Digest d) { target.deleteManifest(d); }
      @Override public boolean hasBlob(Digest d) { return target.hasBlob(d); }
      @Override public InputStream openBlob(Descriptor d) { return target.openBlob(d); }
      @Override public List<String> tags() { return target.tags(); }
      @Override public List<Descriptor> referrers(Digest s, String t) { return target.referrers(s, t); }

      @Override
      public Descriptor pushBlob(String mediaType, Digest digest, long size, InputStream content) {
        if (attempts.incrementAndGet() <= failures) {
          try {
            content.read(new byte[2]);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          throw failure;
        }
        return target.pushBlob(mediaType, digest, size, content);
      }
    };
  }

  @Test
  void aLostConnectionRestartsTheBlob() {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    ImageManifest image = LayoutFixtures.image(src, "retry", "v1");
    InMemoryRepository target = new InMemoryRepository("t/app");
    AtomicInteger attempts = new AtomicInteger();
    RegistryException reset = new RegistryException("PATCH failed: connection reset", 0, null, true, null);
    ImageCopy.Result r = ImageCopy.withoutSignatures().copy(src, "v1", flaky(target, 2, reset, attempts), "v1");
    assertEquals(2, r.blobsCopied());
    assertEquals(4, attempts.get(), "two failed attempts, then config and layer");
    assertEquals(image.manifest(), target.manifest("v1").orElseThrow());
  }

  @Test
  void givesUpAfterThreeAttemptsAndNeverRetriesOtherFailures() {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    LayoutFixtures.image(src, "retry", "v1");
    AtomicInteger attempts = new AtomicInteger();
    RegistryException reset = new RegistryException("connection reset", 0, null, true, null);
    assertThrows(RegistryException.class, () -> ImageCopy.withoutSignatures().copy(src, "v1",
        flaky(new InMemoryRepository("t/app"), 5, reset, attempts), "v1"));
    assertEquals(3, attempts.get());
    attempts.set(0);
    RegistryException denied = new RegistryException("denied", 403, "DENIED", false, null);
    assertThrows(RegistryException.class, () -> ImageCopy.withoutSignatures().copy(src, "v1",
        flaky(new InMemoryRepository("t/app"), 5, denied, attempts), "v1"));
    assertEquals(1, attempts.get());
    attempts.set(0);
    assertThrows(InvalidInputException.class, () -> ImageCopy.withoutSignatures().copy(src, "v1",
        flaky(new InMemoryRepository("t/app"), 5, new InvalidInputException("digest mismatch"), attempts), "v1"));
    assertEquals(1, attempts.get());
  }
}
