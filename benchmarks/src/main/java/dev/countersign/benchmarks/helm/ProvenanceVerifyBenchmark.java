package dev.countersign.benchmarks.helm;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyAlgorithm;
import dev.countersign.pgp.PgpKeyGenerator;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.Provenance;
import dev.countersign.pgp.helm.ProvenanceLayout;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code helm verify} of a 100 MiB chart archive in the JVM ({@link ProvenanceVerifier}: parse the {@code .prov},
 * check the RSA 4096 signature, stream the archive through SHA-256), next to the floor: SHA-256 of the same file
 * alone. The whole-process comparison with {@code gpg --verify} + {@code sha256sum} is in {@code benchmarks/helm.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProvenanceVerifyBenchmark {
  private static final int SIZE = 100 << 20;
  private Path dir;
  private Path archive;
  private ProvenanceVerifier verifier;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("prov-bench");
    archive = dir.resolve("big-1.0.0.tgz");
    byte[] chunk = new byte[1 << 20];
    Random random = new Random(42);
    try (OutputStream out = Files.newOutputStream(archive)) {
      for (int i = 0; i < SIZE / chunk.length; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.RSA_4096)
        .userId("Bench <bench@example.com>").build().generate();
    String body = "apiVersion: v2\nname: big\nversion: 1.0.0\n\n...\nfiles:\n  big-1.0.0.tgz: "
        + Digest.compute(DigestAlgorithm.SHA256, archive) + "\n";
    String prov = Provenance.sign(body.getBytes(StandardCharsets.UTF_8), key.unlock(new char[0]),
        ProvenanceLayout.HELM_3_CRC, Instant.now());
    Files.writeString(archive.resolveSibling("big-1.0.0.tgz.prov"), prov, StandardCharsets.UTF_8);
    verifier = ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(key)));
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(archive.resolveSibling("big-1.0.0.tgz.prov"));
    Files.deleteIfExists(archive);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public VerificationReport helmVerify() {
    VerificationReport report = verifier.verify(archive);
    if (!report.passed()) {
      throw new IllegalStateException(report.summary());
    }
    return report;
  }

  @Benchmark
  public Digest sha256Only() {
    return Digest.compute(DigestAlgorithm.SHA256, archive);
  }
}
