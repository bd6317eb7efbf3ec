package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.testing.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob push, pull and copy stream: a 512 MiB layer goes registry -> layout -> registry in a JVM whose heap is
 * 32 MiB, so any whole-blob (or large-chunk) buffer fails with OutOfMemoryError. The 1 GiB figures with
 * {@code -Xmx64m} are in docs/benchmarks.md (benchmarks/oci.sh).
 */
class StreamingCopyTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();

  @TempDir
  Path dir;

  @Test
  void halfAGibibyteLayerThroughA32MiBHeap() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx32m", "-cp", System.getProperty("java.class.path"), "dev.countersign.oci.testing.StreamingCopyMain",
        SERVER.host(), dir.resolve("layout").toString(), String.valueOf(512L << 20)).redirectErrorStream(true)
        .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child did not finish");
    assertEquals(0, child.exitValue(), out);
    assertTrue(out.contains("ok, heap peak"), out);
  }
}
