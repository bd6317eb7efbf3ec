package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.TestKeyServer;
import dev.countersign.testing.servers.TestKms;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The builder's factories and keep options for TestKms and TestKeyServer. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeepServerStateTest {
  private static final AtomicInteger MADE = new AtomicInteger();

  @RegisterExtension
  static final CountersignExtension KIT = CountersignExtension.builder()
      .kms(() -> {
        MADE.incrementAndGet();
        return TestKms.start("eu-west-1");
      })
      .keyServer(() -> TestKeyServer.builder().basePath("/keys/").file("keys.json", "{\"version\":2}").build())
      .keepKmsStateBetweenTests()
      .keepKeyServerStateBetweenTests()
      .build();

  @Test
  @Order(1)
  void usesTheFactories(TestKms kms, TestKeyServer keyServer) throws Exception {
    assertEquals("eu-west-1", kms.region());
    assertEquals(1, MADE.get());
    kms.failNext("Sign", "ThrottlingException");
    assertEquals("{\"version\":2}", ServersExtensionTest.get(keyServer.url("keys.json")).body());
    keyServer.put("keys.json", "{\"version\":3}").enqueue(Fault.status(500).on("GET", "/keys/keys\\.json"));
    ServersExtensionTest.kmsCall(kms, "ListAliases", "{}");
  }

  @Test
  @Order(2)
  void keepsStateWhenTold(TestKms kms, TestKeyServer keyServer) throws Exception {
    assertEquals(1, MADE.get(), "one KMS per class");
    assertEquals(1, kms.count("ListAliases"), "the KMS request log was not kept");
    assertEquals(1, keyServer.requestCount(), "the key server request log was not kept");
    assertEquals(500, ServersExtensionTest.get(keyServer.url("keys.json")).statusCode(), "the armed fault was not kept");
    assertEquals("{\"version\":3}", ServersExtensionTest.get(keyServer.url("keys.json")).body());
    assertEquals(400, ServersExtensionTest.kmsCall(kms, "Sign", "{}").statusCode());
    assertEquals("ThrottlingException", kms.requests("Sign").get(0).errorType());
  }

  @Test
  void factoriesMustNotBeNull() {
    assertThrows(NullPointerException.class, () -> CountersignExtension.builder().kms(null));
    assertThrows(NullPointerException.class, () -> CountersignExtension.builder().keyServer(null));
  }
}
