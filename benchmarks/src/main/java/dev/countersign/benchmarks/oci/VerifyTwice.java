package dev.countersign.benchmarks.oci;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyResolver;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.ImageReference;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.oci.signature.VerificationCache;

/**
 * In-process verification request counts and times: for each signature format, a fresh {@link Registry} client
 * and one {@link ImageVerifier} with a {@link VerificationCache} verify the same image three times (cold: nothing
 * known about the registry; then warm), and a second verifier without the verification cache shows what the
 * registry client's own caches save. One untimed verification first loads the classes.
 * Usage: {@code VerifyTwice REGISTRY/REPO:TAG PUBLIC_KEY}.
 */
public final class VerifyTwice {
  private VerifyTwice() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: VerifyTwice REGISTRY/REPO:TAG PUBLIC_KEY");
      System.exit(2);
    }
    ImageReference ref = ImageReference.parse(args[0]);
    KeyResolver keys = KeyBackends.discover().resolver(args[1]);
    run(ref, keys, SignatureFormat.BOTH, true, false);
    System.out.println("format  | cold requests | cold ms | warm requests | warm ms | 2nd without verification cache: requests, ms");
    for (SignatureFormat f : SignatureFormat.values()) {
      run(ref, keys, f, false, true);
    }
  }

  private static void run(ImageReference ref, KeyResolver keys, SignatureFormat format, boolean quiet,
      boolean report) {
    try (Registry registry = Registry.builder().credentials(CredentialsProvider.anonymous()).build()) {
      RegistryRepository repo = registry.repository(ref);
      ImageVerifier cached = ImageVerifier.builder().keyResolver(keys).formats(format)
          .cache(VerificationCache.create()).build();
      long[] cold = once(registry, repo, cached, ref.identifier());
      long[] warm = once(registry, repo, cached, ref.identifier());
      ImageVerifier plain = ImageVerifier.builder().keyResolver(keys).formats(format).build();
      long[] second = once(registry, repo, plain, ref.identifier());
      if (report && !quiet) {
        System.out.printf("%-7s | %13d | %7.1f | %13d | %7.2f | %d, %.1f%n", format, cold[0], cold[1] / 1e6, warm[0],
            warm[1] / 1e6, second[0], second[1] / 1e6);
      }
    }
  }

  private static long[] once(Registry registry, RegistryRepository repo, ImageVerifier v, String tag) {
    long requests = registry.requestCount();
    long start = System.nanoTime();
    ImageVerificationResult r = v.verify(repo, tag);
    long nanos = System.nanoTime() - start;
    if (!r.passed()) {
      throw new IllegalStateException("verification failed: " + r);
    }
    return new long[] {registry.requestCount() - requests, nanos};
  }
}
