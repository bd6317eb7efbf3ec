package dev.countersign.benchmarks.kms;

import dev.countersign.core.Signer;
import dev.countersign.testing.servers.TestKms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Signatures per second with N threads for a fixed time after a warm-up, with per-signature latency percentiles.
 * Each thread signs a 1 KiB blob in a loop with the signer {@code signers} gives it (one shared signer, or one
 * each). TestKms's request log is cleared every 500 ms meanwhile, so that its growth does not slow the server.
 */
final class Throughput {
  /** One run's result; latencies in milliseconds. */
  record Result(int threads, String signers, long signatures, double seconds, double p50, double p99,
                double max) {
    double perSecond() {
      return signatures / seconds;
    }
  }

  private Throughput() {}

  static Result run(TestKms server, int threads, String label, Supplier<Signer> signers, long warmupMillis,
                    long measureMillis) throws InterruptedException {
    byte[] blob = new byte[1024];
    new Random(7).nextBytes(blob);
    AtomicInteger phase = new AtomicInteger(); // 0 warm-up, 1 measured, 2 stop
    long[][] latencies = new long[threads][];
    int[] counts = new int[threads];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Signer signer = signers.get();
      Thread worker = new Thread(() -> {
        long[] mine = new long[1 << 14];
        int n = 0;
        try {
          while (true) {
            int p = phase.get();
            if (p == 2) {
              break;
            }
            long start = System.nanoTime();
            signer.sign(blob);
            long nanos = System.nanoTime() - start;
            if (p == 1) {
              if (n == mine.length) {
                mine = Arrays.copyOf(mine, n * 2);
              }
              mine[n++] = nanos;
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        latencies[index] = mine;
        counts[index] = n;
      }, "signer-" + t);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
    idle(server, warmupMillis);
    phase.set(1);
    long start = System.nanoTime();
    idle(server, measureMillis);
    phase.set(2);
    long elapsed = System.nanoTime() - start;
    for (Thread w : workers) {
      w.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a signer thread failed", failure.get());
    }
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Result(threads, label, total, elapsed / 1e9, millis(all, 0.50), millis(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  private static void idle(TestKms server, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      Thread.sleep(Math.min(500, Math.max(1, end - System.currentTimeMillis())));
      server.clearRequests();
    }
  }

  private static double millis(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
