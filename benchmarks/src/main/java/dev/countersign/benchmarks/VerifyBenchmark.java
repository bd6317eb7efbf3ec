package dev.countersign.benchmarks;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Random;
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
 * Blob signature verification through Countersign's {@link Verifier} against the same check written directly on
 * JCA ({@code Signature.getInstance}, {@code initVerify}, {@code update}, {@code verify}), in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {
  @Param({"ECDSA_P256_SHA256", "ED25519"})
  public String algorithm;

  @Param({"1024", "1048576"})
  public int blobBytes;

  private byte[] blob;
  private byte[] signature;
  private Verifier verifier;
  private KeyPair keys;
  private String jcaName;

  @Setup
  public void setUp() throws Exception {
    SignatureAlgorithm alg = SignatureAlgorithm.valueOf(algorithm);
    if (alg == SignatureAlgorithm.ED25519) {
      keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      jcaName = "Ed25519";
    } else {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      keys = g.generateKeyPair();
      jcaName = "SHA256withECDSA";
    }
    blob = new byte[blobBytes];
    new Random(42).nextBytes(blob);
    signature = Signers.of(keys, alg).sign(blob);
    verifier = Verifiers.of(keys.getPublic(), alg);
  }

  @Benchmark
  public void countersign() {
    verifier.verify(blob, signature);
  }

  @Benchmark
  public boolean rawJca() throws Exception {
    Signature s = Signature.getInstance(jcaName);
    s.initVerify(keys.getPublic());
    s.update(blob);
    if (!s.verify(signature)) {
      throw new IllegalStateException("signature did not verify");
    }
    return true;
  }
}
