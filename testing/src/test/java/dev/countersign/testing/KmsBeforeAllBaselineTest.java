package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.testing.servers.TestKms;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Keys a {@code @BeforeAll} method makes are the baseline every test starts from; a test's own keys are not. */
@Countersign
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KmsBeforeAllBaselineTest {
  private static String classKey;
  private static String testKey;

  @BeforeAll
  static void makeTheClassKey(TestKms kms) {
    classKey = kms.createKey("ECC_NIST_P256");
    kms.createAlias("alias/class", classKey);
  }

  @Test
  @Order(1)
  void theFirstTestSeesTheClassKeyAndMakesItsOwn(TestKms kms) {
    assertEquals(kms.keyArn(classKey), kms.keyArn("alias/class"));
    assertEquals(0, kms.requests().size(), "set-up requests are not in the first test's log");
    testKey = kms.createKey("ECC_NIST_P256");
  }

  @Test
  @Order(2)
  void theSecondTestSeesTheClassKeyOnly(TestKms kms) throws Exception {
    assertEquals(kms.keyArn(classKey), kms.keyArn("alias/class"));
    HttpResponse<String> gone = ServersExtensionTest.kmsCall(kms, "DescribeKey", "{\"KeyId\":\"" + testKey + "\"}");
    assertEquals(400, gone.statusCode(), gone::body);
    assertTrue(gone.body().contains("NotFoundException"), gone::body);
  }
}
