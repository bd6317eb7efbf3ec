package dev.countersign.benchmarks.attest;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.AttestationBuilder;
import dev.countersign.core.intoto.AttestationVerification;
import dev.countersign.core.intoto.AttestationVerifier;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.SlsaProvenance;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageAttester;
import dev.countersign.oci.signature.VerificationCache;
import dev.countersign.policy.PolicyEvaluation;
import dev.countersign.policy.PolicyEvaluator;
import dev.countersign.policy.ProvenancePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Verifying and evaluating one SLSA v1 provenance attestation (ECDSA P-256, Countersign's generator shape), with no
 * network: {@code verifyEnvelope} = {@link AttestationVerifier} (payload type, DSSE signature, threshold, strict
 * statement parse, predicate type, subject); {@code evaluatePolicy} = {@link PolicyEvaluator} with the issue's
 * example policy (typed checks and one CEL rule) on the parsed statement; {@code verifyAndEvaluate} = both, as a
 * promotion does per attestation; {@code imageAttestationsCached} = {@link ImageAttestationVerifier} on an OCI
 * layout (both schemes stored) with a warm {@link VerificationCache}; {@code imageAttestationsUncached} = the same
 * verifier without a cache (every envelope read from the layout and verified; files in the page cache);
 * {@code rawJcaEcdsaVerify} = for reference, the bare JCA check of the envelope's one signature over its PAE bytes
 * ({@code SHA256withECDSA}), the floor any DSSE verification pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProvenanceBenchmark {
  /** The example policy of issue 6, as a file. */
  static final String POLICY = String.join("\n",
      "apiVersion: countersign.dev/v1",
      "kind: ProvenancePolicy",
      "predicateTypes: [https://slsa.dev/provenance/v1, https://slsa.dev/provenance/v0.2]",
      "source: {repositories: [github.com/acme/web], refs: [refs/heads/main], commits: []}",
      "builder: {ids: [https://ci.example.com/builders/linux@v1], idPrefixes: []}",
      "build: {types: [https://ci.example.com/buildtypes/make/v1], entryPoints: [make image]}",
      "maxAge: 720h",
      "rules:",
      "  - {name: no-dirty-tree, expression: \"!has(predicate.buildDefinition.externalParameters.dirty)\"}",
      "");

  private DsseEnvelope envelope;
  private InTotoStatement statement;
  private AttestationVerifier verifier;
  private PolicyEvaluator evaluator;
  private Instant now;
  private Path dir;
  private OciLayout layout;
  private ImageAttestationVerifier cached;
  private ImageAttestationVerifier uncached;
  private PublicKey publicKey;
  private byte[] pae;
  private byte[] sig;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    Signer signer = Signers.of(g.generateKeyPair(), SignatureAlgorithm.ECDSA_P256_SHA256);
    Verifier key = Verifiers.of(signer);
    publicKey = signer.publicKey();

    dir = Files.createTempDirectory("provenance-bench");
    layout = OciLayout.create(dir);
    ImageManifest image = ImageBuilder.create()
        .addContent("hello\n".getBytes(StandardCharsets.UTF_8), "/hello.txt", 0644).build(layout, "v1");
    now = Instant.parse("2026-11-25T12:00:00Z");
    SlsaProvenance provenance = SlsaProvenance.builder()
        .buildType("https://ci.example.com/buildtypes/make/v1")
        .builderId("https://ci.example.com/builders/linux@v1")
        .source("https://github.com/acme/web", "refs/heads/main", "2ce3f90facdb51aeb950d5bc641e981be61fdf48")
        .entryPoint("make image")
        .invocationId("https://ci.example.com/jobs/4711")
        .startedOn(now.minus(Duration.ofHours(2))).finishedOn(now.minus(Duration.ofHours(1)))
        .build();
    envelope = AttestationBuilder.of(signer).subject("registry.example/acme/web", image.manifest().descriptor().digest())
        .predicate(provenance).build().envelope();
    pae = envelope.pae();
    sig = envelope.signatures().get(0).sig();
    ImageAttester.builder().confirmDelay(Duration.ZERO).build()
        .attach(layout, image.manifest().descriptor(), envelope);

    verifier = AttestationVerifier.builder().trust(key).predicateType("slsaprovenance1")
        .subject(image.manifest().descriptor().digest()).build();
    evaluator = PolicyEvaluator.builder(ProvenancePolicy.parse(POLICY.getBytes(StandardCharsets.UTF_8),
        "policy.yaml")).build();
    statement = verifier.verify(envelope).verifiedStatement();
    PolicyEvaluation e = evaluator.evaluate(statement, now);
    if (!e.passed()) {
      throw new IllegalStateException("policy did not pass: " + e);
    }
    cached = ImageAttestationVerifier.builder().trust(key).type("slsaprovenance1")
        .cache(VerificationCache.create()).build();
    uncached = ImageAttestationVerifier.builder().trust(key).type("slsaprovenance1").build();
    for (ImageAttestationVerifier v : new ImageAttestationVerifier[] {cached, uncached}) {
      ImageAttestationResult r = v.verify(layout, "v1");
      if (!r.passed() || r.statements().size() != 2) {
        throw new IllegalStateException("expected the .att layer and the referrer to verify: " + r);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public InTotoStatement verifyEnvelope() {
    return verifier.verify(envelope).verifiedStatement();
  }

  @Benchmark
  public PolicyEvaluation evaluatePolicy() {
    return passed(evaluator.evaluate(statement, now));
  }

  @Benchmark
  public PolicyEvaluation verifyAndEvaluate() {
    AttestationVerification v = verifier.verify(envelope);
    return passed(evaluator.evaluate(v.verifiedStatement(), now));
  }

  @Benchmark
  public ImageAttestationResult imageAttestationsCached() {
    return passed(cached.verify(layout, "v1"));
  }

  @Benchmark
  public ImageAttestationResult imageAttestationsUncached() {
    return passed(uncached.verify(layout, "v1"));
  }

  @Benchmark
  public boolean rawJcaEcdsaVerify() throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(publicKey);
    s.update(pae);
    if (!s.verify(sig)) {
      throw new IllegalStateException("signature did not verify");
    }
    return true;
  }

  private static PolicyEvaluation passed(PolicyEvaluation e) {
    if (!e.passed()) {
      throw new IllegalStateException("policy did not pass: " + e);
    }
    return e;
  }

  private static ImageAttestationResult passed(ImageAttestationResult r) {
    if (!r.passed()) {
      throw new IllegalStateException("attestations did not verify: " + r);
    }
    return r;
  }
}
