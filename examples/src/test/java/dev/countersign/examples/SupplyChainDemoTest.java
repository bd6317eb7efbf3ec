package dev.countersign.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.VerificationSummary;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupplyChainDemoTest {
  @TempDir
  Path dir;

  @Test
  void promotesTheMainBuildRejectsTheBranchBuildAndTheCustomerVerifiesProd() throws IOException {
    StringBuilder out = new StringBuilder();
    SupplyChainDemo.Outcome outcome = capture(out, () -> SupplyChainDemo.run(dir));

    assertTrue(outcome.promoted().promoted(), outcome.promoted()::toString);
    assertTrue(outcome.promoted().failures().isEmpty(), outcome.promoted()::toString);
    assertEquals("tagged prod", outcome.promoted().actions().get(2), outcome.promoted().actions()::toString);

    assertFalse(outcome.rejected().promoted());
    assertEquals("build provenance mismatch: source ref expected refs/heads/main, got refs/heads/experiment",
        outcome.rejected().reason().orElseThrow());
    List<VerificationCheck> failures = outcome.rejected().failures();
    assertEquals(List.of("source-ref"), failures.stream().map(VerificationCheck::name).toList());
    assertEquals("refs/heads/experiment", failures.get(0).actual().orElseThrow());
    assertEquals(List.of(), outcome.rejected().actions());

    // The registry as a customer finds it, checked independently of the demo's own checks.
    OciLayout registry = OciLayout.open(dir.resolve("registry"));
    KeyResolver platform = KeyBackends.discover().resolver(dir.resolve("platform.pub").toString());
    Digest prod = registry.resolve("prod").orElseThrow().digest();
    Digest dev = registry.resolve("dev").orElseThrow().digest();
    assertEquals(outcome.promoted().digest().orElseThrow(), prod);
    assertEquals(outcome.rejected().digest().orElseThrow(), dev);
    assertNotEquals(prod, dev);
    assertTrue(ImageVerifier.builder().keyResolver(platform).build().verify(registry, "prod").passed());
    assertFalse(ImageVerifier.builder().keyResolver(platform).build().verify(registry, "dev").passed());
    assertEquals(List.of("dev"), SupplyChainDemo.tagsOn(registry, dev));
    var vsas = ImageAttestationVerifier.builder().keyResolver(platform).type(PredicateTypes.SLSA_VSA_V1).build()
        .verify(registry, "prod");
    VerificationSummary vsa = VerificationSummary.from(vsas.statements().get(0));
    assertTrue(vsa.passed());
    assertEquals(SupplyChainDemo.REFERENCE + "@" + prod, vsa.resourceUri());
    assertEquals(SupplyChainDemo.POLICY_URI, vsa.policy().uri().orElseThrow());
    assertTrue(ImageAttestationVerifier.builder().keyResolver(platform).build().verify(registry, "dev")
        .verified().isEmpty());

    String text = out.toString();
    assertTrue(text.contains("=> PROMOTED " + prod), text);
    assertTrue(text.contains("written: tagged prod"), text);
    assertTrue(text.matches("(?s).*FAILED +source-ref +expected refs/heads/main, actual refs/heads/experiment.*"),
        text);
    assertTrue(text.contains("=> REJECTED: build provenance mismatch: source ref expected refs/heads/main"), text);
    assertTrue(text.contains("written: nothing"), text);
    assertTrue(text.contains("tags on the rejected image: [dev]; :prod still = " + prod), text);
    assertTrue(text.contains("customer: 10. pulled demo.local/acme/web:prod = " + prod), text);
    assertTrue(text.contains("result:    PASSED [SLSA_BUILD_LEVEL_1], 1 input attestation(s)"), text);
    assertTrue(text.contains("demo.local/acme/web:dev (never promoted) rejected: no valid signature for " + dev), text);
  }

  @Test
  void aSecondRunInTheSameDirectoryStartsFromAnEmptyRegistry() throws IOException {
    SupplyChainDemo.Outcome first = capture(new StringBuilder(), () -> SupplyChainDemo.run(dir));
    SupplyChainDemo.Outcome second = capture(new StringBuilder(), () -> SupplyChainDemo.run(dir));
    assertEquals(first.promoted().digest(), second.promoted().digest());  // the build is reproducible
    assertEquals(List.of("signed", "attached", "tagged"), second.promoted().actions().stream()
        .map(a -> a.split(" ")[0]).toList());
  }

  @Test
  void theDemoThrowsWhenThePolicyLetsTheBranchBuildThrough() throws IOException {
    String loose = new String(SupplyChainDemo.policyFile(), StandardCharsets.UTF_8)
        .replace("refs: [refs/heads/main]", "refs: [refs/heads/main, refs/heads/experiment]");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> capture(new StringBuilder(),
        () -> SupplyChainDemo.run(dir, loose.getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().startsWith("the build from refs/heads/experiment was not rejected"), e.getMessage());
  }

  private interface Run {
    SupplyChainDemo.Outcome run() throws IOException;
  }

  private static SupplyChainDemo.Outcome capture(StringBuilder out, Run run) throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return run.run();
    } finally {
      System.setOut(original);
      out.append(captured.toString(StandardCharsets.UTF_8));
    }
  }
}
