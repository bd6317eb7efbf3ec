package dev.countersign.benchmarks.helm;

import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PgpUnlockedKey;
import dev.countersign.pgp.helm.ChartPackager;
import dev.countersign.pgp.helm.ChartSigner;
import dev.countersign.pgp.helm.ProvenanceLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code helm package --sign} of Helm's {@code hashtest} chart in the JVM: package (deterministic archive) and sign
 * (the {@code .prov}, RSA key of Helm's tests), together and apart. {@code chartDir} and {@code keyring} default to
 * the copies in the pgp module's test resources; run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChartBenchmark {
  private static final Instant FIXED = Instant.parse("2026-01-01T00:00:00Z");

  @Param("pgp/src/test/resources/vectors/helm/provenance/hashtest")
  public String chartDir;

  @Param("pgp/src/test/resources/vectors/helm/provenance/helm-test-key.secret")
  public String keyring;

  private Path out;
  private Path packaged;
  private PgpUnlockedKey key;

  @Setup
  public void setUp() throws IOException {
    out = Files.createTempDirectory("chart-bench");
    key = PgpKeyring.read(Path.of(keyring)).keys().get(0).unlock(new char[0]);
    packaged = packageChart();
  }

  @Benchmark
  public Path packageAndSign() {
    return ChartSigner.sign(packageChart(), key, ProvenanceLayout.HELM_3_CRC, FIXED);
  }

  @Benchmark
  public Path packageOnly() {
    return packageChart();
  }

  @Benchmark
  public Path signOnly() {
    return ChartSigner.sign(packaged, key, ProvenanceLayout.HELM_3_CRC, FIXED);
  }

  private Path packageChart() {
    return ChartPackager.builder(Path.of(chartDir)).destination(out).modificationTime(FIXED).build().write();
  }
}
