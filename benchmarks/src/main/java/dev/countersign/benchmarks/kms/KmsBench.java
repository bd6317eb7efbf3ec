package dev.countersign.benchmarks.kms;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.kms.aws.AwsKms;
import dev.countersign.testing.servers.KmsRequest;
import dev.countersign.testing.servers.TestKms;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.model.KeySpec;

/**
 * AWS KMS signing cost, whole process: {@link AwsKms} through the real AWS SDK against {@link TestKms} on
 * 127.0.0.1 in this JVM. For a P-256 key (cosign's default) and an RSA-3072 key with RSASSA-PSS pinned it reports
 * (1) KMS calls per signature from the server's request log, including after the key cache's time to live,
 * (2) the bytes one signature of a generated 1 GiB stream puts on the wire, and (3) signatures per second and
 * latency with 1 and 8 threads. Prints Markdown; see docs/benchmarks.md. Never run by the build.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.countersign.benchmarks.kms.KmsBench [SECONDS]}
 * (measured seconds per throughput run, default 5, after a 2 s warm-up).
 */
public final class KmsBench {
  private static final int SEQUENTIAL = 1_000;
  private static final long GIB = 1L << 30;
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private KmsBench() {}

  public static void main(String[] args) throws Exception {
    long measureMillis = args.length > 0 ? Long.parseLong(args[0]) * 1000 : 5_000;
    // The JDK HTTP server under TestKms leaves Nagle on by default: its separately written response head and body
    // then meet the client's delayed ACK, and every call takes ~40-50 ms on loopback. Off unless set otherwise.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    machine();
    try (TestKms server = TestKms.start()) {
      MovableClock clock = new MovableClock();
      try (AwsKms kms = AwsKms.builder().endpointOverride(URI.create(server.endpoint()))
          .region(Region.of(server.region()))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
          .clock(clock).build()) {
        bench(server, kms, clock, "P-256 (ECDSA_SHA_256, first listed)", "bench", KeySpec.ECC_NIST_P256, null,
            measureMillis);
        bench(server, kms, clock, "RSA-3072 (RSASSA_PSS_SHA_256, pinned)", "bench-rsa", KeySpec.RSA_3072,
            SignatureAlgorithm.RSA_PSS_SHA256, measureMillis);
      }
    }
    System.out.printf("%nload average at the end: %s%n", loadAverage());
  }

  private static void bench(TestKms server, AwsKms kms, MovableClock clock, String label, String alias,
                            KeySpec spec, SignatureAlgorithm pinned, long measureMillis) throws Exception {
    String ref = "awskms:///alias/" + alias;
    kms.keys().create(alias, spec);
    System.out.printf("%n## %s, %s%n%n", label, ref);

    // 1. calls per signature
    server.clearRequests();
    Signer signer = pinned == null ? kms.signer(ref) : kms.signer(ref, pinned);
    long start = System.nanoTime();
    signBlobs(signer, SEQUENTIAL, 0);
    double sequentialSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, Integer> first = counts(server.requests());
    clock.advance(AwsKms.DEFAULT_CACHE_TTL.plusSeconds(1));
    signBlobs(signer, SEQUENTIAL, SEQUENTIAL);
    Map<String, Integer> both = counts(server.requests());
    System.out.printf("1. KMS calls (signer creation + %d signatures, one thread): %s; %.2f ms per signature"
        + "%n   after the clock moved %d min + 1 s (past the cache TTL) and %d more signatures: %s%n", SEQUENTIAL, first,
        sequentialSeconds * 1000 / SEQUENTIAL, AwsKms.DEFAULT_CACHE_TTL.toMinutes(), SEQUENTIAL, both);

    // 2. bytes on the wire for a 1 GiB stream
    server.clearRequests();
    start = System.nanoTime();
    byte[] signature = signer.sign(new GeneratedStream(GIB, 42));
    double seconds = (System.nanoTime() - start) / 1e9;
    List<KmsRequest> requests = server.requests();
    System.out.printf("2. 1 GiB generated stream: %.2f s (%.0f MiB/s), signature %d bytes, %d request(s):%n",
        seconds, 1024 / seconds, signature.length, requests.size());
    for (KmsRequest r : requests) {
      System.out.printf("   %s: request body %d B, request line + headers ~%d B, response body %d B, HTTP %d%n",
          r.operation(), r.requestBodyBytes(), r.requestHeaderBytes(), r.responseBodyBytes(), r.status());
    }

    // 3. throughput
    System.out.printf("3. throughput, 1 KiB blobs, 2 s warm-up then %.0f s (load average before: %s)%n%n",
        measureMillis / 1000.0, loadAverage());
    System.out.println("| threads | signers | signatures | sig/s | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|---|---|");
    Signer shared = signer;
    print(Throughput.run(server, 1, "one", () -> shared, 2_000, measureMillis));
    print(Throughput.run(server, 8, "one shared", () -> shared, 2_000, measureMillis));
    print(Throughput.run(server, 8, "one per thread",
        () -> pinned == null ? kms.signer(ref) : kms.signer(ref, pinned), 2_000, measureMillis));
    server.clearRequests();
  }

  private static void signBlobs(Signer signer, int n, int seed) {
    byte[] blob = new byte[1024];
    for (int i = 0; i < n; i++) {
      int v = seed + i;
      blob[0] = (byte) v;
      blob[1] = (byte) (v >>> 8);
      blob[2] = (byte) (v >>> 16);
      signer.sign(blob);
    }
  }

  private static Map<String, Integer> counts(List<KmsRequest> requests) {
    Map<String, Integer> out = new TreeMap<>();
    for (KmsRequest r : requests) {
      out.merge(r.operation() + (r.succeeded() ? "" : " (HTTP " + r.status() + ")"), 1, Integer::sum);
    }
    return out;
  }

  private static void print(Throughput.Result r) {
    System.out.printf("| %d | %s | %d | %.0f | %.2f | %.2f | %.1f |%n", r.threads(), r.signers(), r.signatures(),
        r.perSecond(), r.p50(), r.p99(), r.max());
  }

  private static void machine() throws Exception {
    String cpu = "?";
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        cpu = line.substring(line.indexOf(':') + 1).trim();
        break;
      }
    }
    System.out.printf("# KmsBench%n%nmachine: %s, %d CPUs, Java %s, max heap %d MiB; load average at the start: %s;"
        + " TestKms %s=%s%n", cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, loadAverage(), NODELAY, System.getProperty(NODELAY));
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** The system clock plus an offset that the benchmark moves to expire the key cache. */
  private static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
