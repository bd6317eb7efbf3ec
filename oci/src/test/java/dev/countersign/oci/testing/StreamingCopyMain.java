package dev.countersign.oci.testing;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageCopy;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of the constant-memory test, run with a heap far smaller than the layer:
 * {@code StreamingCopyMain REGISTRY_HOST LAYOUT_DIR SIZE}. Pushes a generated layer of SIZE bytes (streamed), copies
 * the image registry -> layout (pull) and layout -> another repository (push), and reads the layer back; prints
 * {@code ok} and the heap's peak use.
 */
public final class StreamingCopyMain {
  private StreamingCopyMain() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    Path dir = Path.of(args[1]);
    long size = Long.parseLong(args[2]);
    Digest layerDigest = Digest.compute(DigestAlgorithm.SHA256, TestImages.generated(size, 7));
    try (Registry registry = Registry.builder().credentials(CredentialsProvider.anonymous()).build()) {
      RegistryRepository source = registry.repository(host + "/stream/source");
      Descriptor layer = source.pushBlob(MediaTypes.OCI_LAYER, layerDigest, size, TestImages.generated(size, 7));
      Descriptor config = source.pushBlob(MediaTypes.OCI_CONFIG, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Manifest m = TestImages.manifest(config, List.of(layer), null, null, null);
      source.putManifest(m, "v1");
      OciLayout layout = OciLayout.create(dir);
      ImageCopy.withoutSignatures().copy(source, "v1", layout, "v1");
      RegistryRepository target = registry.repository(host + "/stream/target");
      ImageCopy.withoutSignatures().copy(layout, "v1", target, "v1");
      try (InputStream in = target.openBlob(layer)) {
        if (!Digest.compute(DigestAlgorithm.SHA256, in).equals(layerDigest)) {
          throw new IllegalStateException("layer read back differs");
        }
      }
    }
    long peak = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("ok, heap peak " + (peak >> 20) + " MiB");
  }
}
