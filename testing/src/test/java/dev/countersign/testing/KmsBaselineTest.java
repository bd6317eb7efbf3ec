package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.testing.servers.TestKms;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Before each test the class's TestKms goes back to the keys its factory made: later keys and changes are undone. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KmsBaselineTest {
  private static String factoryKey;
  private static String testKey;

  @RegisterExtension
  static final CountersignExtension EXTENSION = CountersignExtension.builder()
      .kms(() -> {
        TestKms kms = TestKms.start();
        factoryKey = kms.createKey("ECC_NIST_P256");
        kms.createAlias("alias/release", factoryKey);
        return kms;
      })
      .build();

  @Test
  @Order(1)
  void aTestChangesTheFactoryKeyAndMakesItsOwn(TestKms kms) throws Exception {
    testKey = kms.createKey("ECC_NIST_P384");
    kms.updateAlias("alias/release", testKey);
    HttpResponse<String> disabled = ServersExtensionTest.kmsCall(kms, "DisableKey",
        "{\"KeyId\":\"" + factoryKey + "\"}");
    assertEquals(200, disabled.statusCode(), disabled::body);
    assertEquals(kms.keyArn(testKey), kms.keyArn("alias/release"));
  }

  @Test
  @Order(2)
  void theNextTestSeesOnlyTheFactoryStateAgain(TestKms kms) throws Exception {
    assertEquals(kms.keyArn(factoryKey), kms.keyArn("alias/release"), "the alias move leaked");
    HttpResponse<String> gone = ServersExtensionTest.kmsCall(kms, "DescribeKey", "{\"KeyId\":\"" + testKey + "\"}");
    assertEquals(400, gone.statusCode(), gone::body);
    assertTrue(gone.body().contains("NotFoundException"), gone::body);
    HttpResponse<String> described = ServersExtensionTest.kmsCall(kms, "DescribeKey",
        "{\"KeyId\":\"" + factoryKey + "\"}");
    assertTrue(described.body().contains("\"KeyState\":\"Enabled\""), described::body);
    assertEquals(2, kms.requests().size(), "the log holds more than this test's two requests");
  }
}
