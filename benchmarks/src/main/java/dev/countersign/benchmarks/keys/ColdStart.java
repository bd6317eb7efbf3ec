package dev.countersign.benchmarks.keys;

import dev.countersign.core.KeyQuery;
import dev.countersign.keys.ManifestKeyResolver;
import java.time.Duration;

/**
 * Round trips and wall time of a cold rotation-aware resolution: a new {@link ManifestKeyResolver} with an empty
 * cache, pinned to version 1, while the CDN serves version 3; then {@code N} further resolutions on the same
 * resolver, which must cost no request. Prints one line per run; exits non-zero if a warm resolution went to the
 * network. Usage: {@code ColdStart [N]}.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    try (PublishedChain cdn = new PublishedChain()) {
      for (int run = 1; run <= 5; run++) {
        int before = cdn.requests();
        long t0 = System.nanoTime();
        ManifestKeyResolver resolver = ManifestKeyResolver.builder(cdn.url()).trustRoot(cdn.trustRoot())
            .cacheDirectory(cdn.newCacheDirectory()).maxAge(Duration.ofHours(1)).build();
        resolver.resolveOne(KeyQuery.byKeyId(cdn.signer().keyId()));
        long cold = System.nanoTime() - t0;
        int coldRequests = cdn.requests() - before;
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          resolver.resolveOne(KeyQuery.byKeyId(cdn.signer().keyId()));
        }
        long warm = System.nanoTime() - t1;
        int warmRequests = cdn.requests() - before - coldRequests;
        System.out.printf("run %d: cold resolution %.1f ms, %d requests (%s); %d warm resolutions %.2f us each,"
            + " %d requests%n", run, cold / 1e6, coldRequests, resolver.lastResolution().orElseThrow().sourceDetail(),
            n, warm / 1e3 / n, warmRequests);
        if (warmRequests != 0) {
          throw new IllegalStateException("warm resolutions made " + warmRequests + " requests");
        }
      }
    }
  }
}
