package dev.countersign.testing.servers.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.testing.servers.TestKms;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** The public API around the protocol: extension lifecycle, direct key calls, argument checks, close. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestKmsExtensionTest {
  @RegisterExtension
  static final TestKms SHARED = TestKms.start();
  static final String KEY = SHARED.createKey("ECC_NIST_P256");
  @RegisterExtension
  final TestKms perTest = TestKms.start();
  static TestKms firstPerTest;

  @AfterAll
  static void perTestInstancesWereStopped() {
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port(firstPerTest)).close());
  }

  private static int port(TestKms kms) {
    return URI.create(kms.endpoint()).getPort();
  }

  @Test
  @Order(1)
  void firstTestLeavesFaultsAndRequests() {
    firstPerTest = perTest;
    SHARED.failNext("Sign", "KMSInternalException", 500).throttleEvery(1);
    try (KmsClient client = Sdk.client(SHARED)) {
      assertThrows(KmsException.class, () -> client.describeKey(b -> b.keyId(KEY)));
    }
    assertTrue(SHARED.count("DescribeKey") >= 1);
  }

  @Test
  @Order(2)
  void secondTestStartsCleanButKeepsKeys() {
    assertEquals(0, SHARED.requests().size());
    try (KmsClient client = Sdk.client(SHARED)) {
      assertEquals(SHARED.keyArn(KEY), client.describeKey(b -> b.keyId(KEY)).keyMetadata().arn(),
          "no throttling, the key is still there");
    }
    assertEquals(1, SHARED.count("DescribeKey"));
    assertEquals(0, SHARED.count("Sign"));
    assertTrue(firstPerTest != perTest, "an instance field gets a server per test");
  }

  @Test
  void publicKeysAreReadable() {
    assertEquals(256, ((ECPublicKey) SHARED.publicKey(KEY)).getParams().getCurve().getField().getFieldSize());
    String rsa = SHARED.createKey("RSA_2048");
    SHARED.createAlias("alias/rsa", rsa);
    assertEquals(2048, ((RSAPublicKey) SHARED.publicKey("alias/rsa")).getModulus().bitLength());
    assertTrue(SHARED.publicKeyPem(rsa).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    String aes = SHARED.createKey("SYMMETRIC_DEFAULT");
    assertThrows(IllegalArgumentException.class, () -> SHARED.publicKey(aes));
  }

  @Test
  void badArgumentsAreIllegalArguments() {
    assertThrows(IllegalArgumentException.class, () -> SHARED.createKey("HMAC_256"));
    assertThrows(IllegalArgumentException.class, () -> SHARED.createKey("NOPE"));
    assertThrows(NullPointerException.class, () -> SHARED.createKey(null));
    assertThrows(IllegalArgumentException.class, () -> SHARED.keyArn("alias/none"));
    assertThrows(IllegalArgumentException.class, () -> SHARED.createAlias("no-prefix", KEY));
    assertThrows(IllegalArgumentException.class, () -> SHARED.failNext("NoSuchOperation", "X"));
    assertThrows(IllegalArgumentException.class, () -> SHARED.failNext("Sign", "X", 200));
    assertThrows(IllegalArgumentException.class, () -> SHARED.failNext("Sign", ""));
    assertThrows(IllegalArgumentException.class, () -> SHARED.delayNext("Sign", Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> SHARED.throttleEvery(-1));
    assertThrows(IllegalArgumentException.class, () -> TestKms.start("not a region"));
  }

  @Test
  void closeStopsListeningAndIsIdempotent() {
    TestKms kms = TestKms.start("ap-south-1");
    assertTrue(kms.keyArn(kms.createKey("ECC_NIST_P384")).startsWith("arn:aws:kms:ap-south-1:111122223333:key/"));
    int port = port(kms);
    kms.close();
    kms.close();
    assertTrue(kms.toString().contains("stopped"));
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void startingIsFast() {
    TestKms.start().close(); // warm up the JDK server classes
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // the best of five: other builds may share the CPU
      long start = System.nanoTime();
      TestKms kms = TestKms.start();
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
      kms.close();
    }
    assertTrue(best < 50, "started in " + best + " ms");
  }
}
