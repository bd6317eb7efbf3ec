package dev.countersign.benchmarks.testing;

import dev.countersign.core.Signer;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.testing.TestKeys;
import dev.countersign.testing.servers.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 9's push benchmark, whole process: builds, pushes and signs (ImageSigner's default format: cosign's
 * {@code .sig} tag and a Sigstore bundle referrer, with the tag fallback of the referrers API) {@code N} small images (one 64-byte file layer, distinct content) with {@link ImageBuilder} and
 * {@link ImageSigner} with the kit's shared P-256 key, against {@link TestRegistry} in this JVM or against a registry
 * at {@code HOST:PORT} (the Debian docker-registry that benchmarks/testing.sh starts). 20 images are pushed first
 * as a warm-up (JIT, connections), in another repository. Prints one Markdown table row. Never run by the build.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.countersign.benchmarks.testing.PushAndSign
 * in-process|HOST:PORT [N [CONFIRM_MS]]} (N default 100; CONFIRM_MS, ImageSigner's confirm delay, default 0: a test
 * has no concurrent writer to guard against, and the signer's default 250 ms would be most of what is measured)
 */
public final class PushAndSign {
  private static final int WARM_UP = 20;

  private PushAndSign() {}

  public static void main(String[] args) {
    String target = args.length > 0 ? args[0] : "in-process";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Duration confirmDelay = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 0);
    Signer signer = TestKeys.ecdsaP256().signer();
    TestRegistry local = target.equals("in-process") ? TestRegistry.anonymous().start() : null;
    String host = local != null ? local.host() : target;
    try (Registry client = Registry.builder().insecureRegistries(List.of(host)).build()) {
      run(client, host, "warmup/app", WARM_UP, signer, confirmDelay, null);
      long requestsBefore = client.requestCount();
      double[] perImage = new double[n];
      long start = System.nanoTime();
      run(client, host, "bench/app", n, signer, confirmDelay, perImage);
      double totalMs = (System.nanoTime() - start) / 1e6;
      long requests = client.requestCount() - requestsBefore;
      Arrays.sort(perImage);
      System.out.printf("| %s | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f |%n",
          local != null ? "TestRegistry (in-process)" : "docker-registry (127.0.0.1)", confirmDelay.toMillis(), n,
          totalMs, totalMs / n,
          perImage[n / 2], perImage[(int) Math.ceil(n * 0.95) - 1], (double) requests / n);
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  private static void run(Registry client, String host, String name, int n, Signer signer, Duration confirmDelay,
      double[] perImage) {
    RegistryRepository repo = client.repository(host + "/" + name);
    ImageSigner imageSigner = ImageSigner.builder(signer).confirmDelay(confirmDelay).build();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      byte[] content = String.format("%-63s%n", name + " image " + i).getBytes(StandardCharsets.UTF_8);
      Descriptor image = ImageBuilder.create().addContent(content, "app.txt", 0644).build(repo, "v" + i)
          .manifest().descriptor();
      if (imageSigner.sign(repo, host + "/" + name, image).isEmpty()) {
        throw new IllegalStateException("no signature attached to image " + i);
      }
      if (perImage != null) {
        perImage[i] = (System.nanoTime() - t) / 1e6;
      }
    }
  }
}
