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
    assertTrue(out.contains("platform: developer signature verified"), out);
    assertTrue(out.contains("customer: app:prod verified: 1 signature(s) by the platform key with stage=prod (of 4 found)"), out);
    assertTrue(out.contains("customer: app:sneaky rejected: "), out);
    assertTrue(out.contains("Chart Hash Verified: sha256:"), out);
    assertTrue(out.contains("user:       tampered archive rejected: archive-digest: FAILED"), out);
  }
}
