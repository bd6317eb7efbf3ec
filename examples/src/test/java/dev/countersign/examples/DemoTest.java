package dev.countersign.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @Test
  void runsTheWholeDemo(@TempDir Path dir) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Demo.main(new String[] {dir.toString()});
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("=> PROMOTED sha256:"), out);
    assertTrue(out.contains("=> REJECTED: build provenance mismatch: source ref expected refs/heads/main, got "
        + "refs/heads/experiment"), out);
    assertTrue(out.contains("customer: 11. platform signature verified with platform.pub (2 of the 4 signatures"), out);
    assertTrue(out.contains("demo.local/acme/web:dev (never promoted) rejected: "), out);
    assertTrue(out.contains("Chart Hash Verified: sha256:"), out);
    assertTrue(out.contains("user:       tampered archive rejected: archive-digest: FAILED"), out);
    assertTrue(out.contains("6. generated its CycloneDX 1.6 SBOM: 7 components (5 deb, 1 npm, 1 operating-system)"),
        out);
    assertTrue(out.contains("ms@2.1.3                         pkg:npm/ms@2.1.3"), out);
    assertTrue(out.contains(": REFUSED, no SBOM handed out:"), out);
  }
}
