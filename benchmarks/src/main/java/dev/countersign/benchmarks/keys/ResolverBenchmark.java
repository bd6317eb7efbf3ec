package dev.countersign.benchmarks.keys;

import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.keys.ManifestKeyResolver;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A blob signature (ECDSA P-256, 1 KiB) verified with the key given directly ({@code plainKey}) against the same
 * verification with the key chosen by a warm {@link ManifestKeyResolver} over a loopback CDN holding a 3-version
 * manifest chain ({@code manifestWarm}), in the same run; and the key lookup alone on both sides
 * ({@code plainResolveOnly}, {@code manifestResolveOnly}), since the signature check dominates and its noise hides
 * microseconds. Tear-down fails the run when the warm resolver made any request after its first resolution.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResolverBenchmark {
  private PublishedChain cdn;
  private byte[] blob;
  private String signature;
  private BlobVerifier plain;
  private BlobVerifier manifest;
  private KeyResolver plainResolver;
  private ManifestKeyResolver manifestResolver;
  private KeyQuery query;
  private int requestsAfterFirstResolution;

  @Setup(Level.Trial)
  public void setUp() {
    cdn = new PublishedChain();
    blob = new byte[1024];
    new Random(42).nextBytes(blob);
    signature = Base64.getEncoder().encodeToString(cdn.signer().sign(blob));
    plainResolver = KeyResolver.of(Verifiers.of(cdn.signer().publicKey()));
    plain = BlobVerifier.of(plainResolver);
    manifestResolver = ManifestKeyResolver.builder(cdn.url()).trustRoot(cdn.trustRoot())
        .cacheDirectory(cdn.newCacheDirectory()).maxAge(Duration.ofHours(1)).build();
    manifest = BlobVerifier.of(manifestResolver);
    query = KeyQuery.byKeyId(cdn.signer().keyId());
    manifestWarm(); // the one cold resolution: keys.json and the intermediate 2.keys.json
    requestsAfterFirstResolution = cdn.requests();
  }

  @Benchmark
  public Object plainKey() {
    return plain.verifySignature(new ByteArrayInputStream(blob), signature);
  }

  @Benchmark
  public Object manifestWarm() {
    return manifest.verifySignature(new ByteArrayInputStream(blob), signature);
  }

  /** The key lookup alone, fixed key: what {@code plainKey} spends before the signature check. */
  @Benchmark
  public Object plainResolveOnly() {
    return plainResolver.resolve(query);
  }

  /** The key lookup alone, warm manifest: window and status rules over the cached verified manifest. */
  @Benchmark
  public Object manifestResolveOnly() {
    return manifestResolver.resolve(query);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    int extra = cdn.requests() - requestsAfterFirstResolution;
    cdn.close();
    System.out.println("CDN requests: " + requestsAfterFirstResolution + " for the first resolution, " + extra
        + " during the measurement");
    if (extra != 0) {
      throw new IllegalStateException("the warm resolver made " + extra + " requests");
    }
  }
}
