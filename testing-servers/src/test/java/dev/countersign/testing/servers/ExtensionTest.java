package dev.countersign.testing.servers;

import static dev.countersign.testing.servers.Http.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Class-level use with a reset before each test, per-test use on an instance field, start-up time and cleanup. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {
  @RegisterExtension
  static final TestRegistry SHARED = TestRegistry.builder().resetBeforeEachTest().build();
  @RegisterExtension
  final TestRegistry perTest = TestRegistry.anonymous();

  @Test
  @Order(1)
  void firstTestPushes() {
    new Http(SHARED).pushBlob("leak", utf8("state"));
    assertEquals(1, SHARED.requestCount());
  }

  @Test
  @Order(2)
  void secondTestSeesNothingOfTheFirst() {
    assertEquals(0, SHARED.requestCount());
    assertEquals(404, new Http(SHARED).get("/v2/leak/tags/list").statusCode());
    assertTrue(perTest.host().startsWith("127.0.0.1:"));
  }

  @Test
  void startingAfterTheFirstIsFast() {
    TestRegistry.anonymous().start().close(); // warm up the JDK server classes
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // the best of five: other builds may share the CPU
      long start = System.nanoTime();
      TestRegistry r = TestRegistry.builder().basicAuth("u", "p").build().start();
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
      r.close();
    }
    assertTrue(best < 50, "started in " + best + " ms");
  }

  @Test
  void closeStopsListening() {
    TestRegistry r = TestRegistry.anonymous().start();
    String host = r.host();
    int port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
    new Http(r).pushBlob("x", utf8("y"));
    r.close();
    assertThrows(IllegalStateException.class, r::host);
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
    assertEquals(0, r.requestCount());
    r.start();
    assertEquals(404, new Http(r).get("/v2/x/blobs/sha256:" + "0".repeat(64)).statusCode());
    r.close();
  }
}
