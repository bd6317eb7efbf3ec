package dev.countersign.benchmarks;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process SHA-256 of a 64 MiB stream through {@link Digest#compute(DigestAlgorithm, java.io.InputStream)}
 * against one {@link MessageDigest#digest(byte[])} call over the same bytes (no stream, no copies).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DigestBenchmark {
  private byte[] data;

  @Setup
  public void setUp() {
    data = new byte[64 << 20];
    new Random(7).nextBytes(data);
  }

  @Benchmark
  public Digest countersignStream() {
    return Digest.compute(DigestAlgorithm.SHA256, new ByteArrayInputStream(data));
  }

  @Benchmark
  public byte[] rawMessageDigest() throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
