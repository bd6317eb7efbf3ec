package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.countersign.testing.samples.FailingSample;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.countersign.testing.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

class CleanupTest {
  @Test
  void failingTestsStillLoseTheirLayoutsAndServers() {
    FailingSample.LAYOUTS.clear();
    FailingSample.REGISTRIES.clear();
    FailingSample.KMS.clear();
    FailingSample.KEY_SERVERS.clear();
    EngineTestKit.engine("junit-jupiter").configurationParameter(Samples.RUN, "true")
        .selectors(selectClass(FailingSample.class)).execute()
        .testEvents().assertStatistics(s -> s.started(2).failed(2).succeeded(0));

    assertEquals(2, FailingSample.LAYOUTS.size());
    assertFalse(FailingSample.LAYOUTS.get(0).equals(FailingSample.LAYOUTS.get(1)), "one layout per test");
    for (Path layout : FailingSample.LAYOUTS) {
      assertFalse(Files.exists(layout), layout + " was not deleted");
      assertFalse(Files.exists(layout.getParent()), layout.getParent() + " was not deleted");
    }
    assertEquals(FailingSample.REGISTRIES.get(0), FailingSample.REGISTRIES.get(1), "one registry per class");
    assertEquals(1, FailingSample.KMS.size());
    assertEquals(1, FailingSample.KEY_SERVERS.size());
    for (String server : List.of(FailingSample.REGISTRIES.get(0), FailingSample.KMS.get(0),
        FailingSample.KEY_SERVERS.get(0))) {
      URI url = URI.create(server);
      assertThrows(ConnectException.class, () -> {
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
          s.getOutputStream().write(1);
        }
      }, "a server still listens on " + url);
    }
  }

  @Test
  void deleteTreeRemovesNestedContent() throws IOException {
    Path dir = Files.createTempDirectory("cleanup");
    Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/b/c"), "x");
    dev.countersign.testing.internal.TempLayout.deleteTree(dir);
    assertFalse(Files.exists(dir));
  }
}
