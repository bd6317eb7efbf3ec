package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.TestKeyServer;
import dev.countersign.testing.servers.TestKms;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The extension's TestKms and TestKeyServer parameters: one per class, reset before each test. */
@Countersign
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServersExtensionTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestKms firstKms;
  private static TestKeyServer firstServer;
  private static String key;

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> kmsCall(TestKms kms, String operation, String body)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(kms.endpoint()))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "TrentService." + operation)
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261125/us-east-1/kms/aws4_request, "
            + "SignedHeaders=host, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void startsBothServersOnFirstUseAndArmsState(TestKms kms, TestKeyServer keyServer) throws Exception {
    firstKms = kms;
    firstServer = keyServer;
    key = kms.createKey("ECC_NIST_P256");
    assertEquals(200, kmsCall(kms, "DescribeKey", "{\"KeyId\":\"" + key + "\"}").statusCode());
    kms.failNext("GetPublicKey", "AccessDeniedException");

    assertEquals(404, get(keyServer.url("pub.pem")).statusCode());
    keyServer.put("pub.pem", kms.publicKeyPem(key));
    assertEquals(kms.publicKeyPem(key), get(keyServer.url("pub.pem")).body());
    keyServer.enqueue(Fault.status(503).on("GET", "/pub\\.pem"));
    assertEquals(1, kms.count("DescribeKey"));
    assertEquals(2, keyServer.requestCount());
  }

  @Test
  @Order(2)
  void theSameServersAreResetBeforeTheNextTest(TestKms kms, TestKeyServer keyServer) throws Exception {
    assertSame(firstKms, kms);
    assertSame(firstServer, keyServer);
    assertEquals(0, kms.requests().size(), "the KMS request log leaked from the previous test");
    assertEquals(0, keyServer.requestCount(), "the key server's request log leaked from the previous test");
    assertEquals(0, keyServer.pendingFaults(), "an armed key server fault leaked");
    assertEquals(404, get(keyServer.url("pub.pem")).statusCode(), "a put file leaked");
    // back to the factory's keys: the key the previous test made is gone (and the armed AccessDeniedException)
    HttpResponse<String> answer = kmsCall(kms, "GetPublicKey", "{\"KeyId\":\"" + key + "\"}");
    assertEquals(400, answer.statusCode(), answer::body);
    assertTrue(answer.body().contains("NotFoundException"), answer::body);
  }

  @Nested
  class Inner {
    @Test
    void nestedClassesUseTheEnclosingClassServersReset(TestKms kms, TestKeyServer keyServer) throws Exception {
      assertSame(firstKms, kms);
      assertSame(firstServer, keyServer);
      assertEquals(0, kms.requests().size());
      assertEquals(0, keyServer.requestCount());
      assertEquals(404, get(keyServer.url("pub.pem")).statusCode());
    }
  }
}
