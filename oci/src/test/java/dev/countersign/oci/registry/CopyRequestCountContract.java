package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.ImageCopy;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.LayoutFixtures;
import dev.countersign.oci.testing.ContractRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP requests an image copy costs, so that a regression fails: against the real docker-registry
 * ({@link CopyRequestCountTest}) and TestRegistry ({@link TestRegistryCopyRequestCountTest}); only the referrers
 * lookup differs (an API answer versus the probe and the tag schema).
 */
abstract class CopyRequestCountContract {
  /** The registry under test, anonymous. */
  abstract ContractRegistry target();

  @TempDir
  Path tmp;

  @Test
  void pushAndPullOfAOneLayerImage() {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    ImageManifest image = LayoutFixtures.image(src, "copy", "v1");
    try (Registry registry = Registry.builder().credentials(CredentialsProvider.anonymous()).build()) {
      RegistryRepository repo = registry.repository(target().reference("copy/app"));
      long before = registry.requestCount();
      ImageCopy.Result pushed = ImageCopy.withoutSignatures().copy(src, "v1", repo, "v1");
      // per blob (config, layer): HEAD, POST, PUT (one HEAD: copy does not ask before pushBlob asks); manifest PUT
      assertEquals(7, registry.requestCount() - before);
      assertEquals(2, pushed.blobsCopied());

      before = registry.requestCount();
      ImageCopy.Result again = ImageCopy.withoutSignatures().copy(src, "v1", repo, "v1");
      // a HEAD per blob, then the manifest PUT: nothing read from the source, nothing uploaded
      assertEquals(3, registry.requestCount() - before);
      assertEquals(0, again.blobsCopied());
      assertEquals(2, again.blobsSkipped());

      before = registry.requestCount();
      ImageCopy.withoutSignatures().copy(repo, "v1", OciLayout.create(tmp.resolve("pulled")), "v1");
      // GET the manifest by tag (no HEAD first), GET config, GET layer
      assertEquals(3, registry.requestCount() - before);

      before = registry.requestCount();
      ImageCopy.withSignatures().copy(repo, "v1", OciLayout.create(tmp.resolve("pulled-sigs")), "v1");
      // GET the manifest by tag (the tag is asked again); the two small blobs come from the content cache;
      // + GET .sig, GET .att, GET referrers, GET the sha256-<hex> fallback tag (copied in its own right); without the
      // API the referrers listing (404) reads the fallback tag once more
      assertEquals(target().count(1 + 5, 1 + 4), registry.requestCount() - before);
    }
  }
}
