package dev.countersign.testing.servers.kms;

import dev.countersign.testing.servers.TestKms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The raw wire format: status codes, error bodies and headers, and ECR's GetAuthorizationToken. */
class TestKmsProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGV4 = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/kms/aws4_request,"
      + " SignedHeaders=host;x-amz-date, Signature=00";

  record Answer(int status, Map<String, List<String>> headers, JsonNode body) {
  }

  private static Answer post(TestKms kms, String target, String authorization, String body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(kms.endpoint() + "/").openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
    if (target != null) {
      connection.setRequestProperty("X-Amz-Target", target);
    }
    if (authorization != null) {
      connection.setRequestProperty("Authorization", authorization);
    }
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = connection.getResponseCode();
    try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      connection.getHeaderFields().forEach((name, values) -> {
        if (name != null) {
          headers.put(name, values);
        }
      });
      return new Answer(status, headers, JSON.readTree(in.readAllBytes()));
    } finally {
      connection.disconnect();
    }
  }

  @Test
  void errorsCarryTypeInBodyAndHeader() throws IOException {
    try (TestKms kms = TestKms.start()) {
      Answer answer = post(kms, "TrentService.DescribeKey", SIGV4,
          "{\"KeyId\":\"alias/missing\"}");
      assertEquals(400, answer.status());
      assertEquals("NotFoundException", answer.body().get("__type").asText());
      assertTrue(answer.body().get("message").asText().contains("alias/missing"));
      assertEquals("NotFoundException", answer.headers().get("x-amzn-ErrorType").get(0));
      assertEquals("application/x-amz-json-1.1", answer.headers().get("Content-Type").get(0));
    }
  }

  @Test
  void refusesUnsignedUnknownAndMalformedRequests() throws IOException {
    try (TestKms kms = TestKms.start()) {
      assertEquals("MissingAuthenticationTokenException",
          post(kms, "TrentService.ListAliases", null, "{}").body().get("__type").asText());
      assertEquals("UnknownOperationException",
          post(kms, "TrentService.ReEncrypt", SIGV4, "{}").body().get("__type").asText());
      assertEquals("UnknownOperationException", post(kms, null, SIGV4, "{}").body().get("__type").asText());
      assertEquals("SerializationException",
          post(kms, "TrentService.DescribeKey", SIGV4, "{not json").body().get("__type").asText());
      Answer missing = post(kms, "TrentService.Sign", SIGV4, "{}");
      assertEquals("ValidationException", missing.body().get("__type").asText());
      assertEquals(5, kms.requests().size());
      assertEquals(200, post(kms, "TrentService.ListAliases", SIGV4, "").status());
    }
  }

  @Test
  void ecrGetAuthorizationToken() throws IOException {
    try (TestKms kms = TestKms.start("eu-central-1")) {
      assertEquals("https://111122223333.dkr.ecr.eu-central-1.amazonaws.com", kms.ecrProxyEndpoint());
      kms.ecrProxyEndpoint("http://127.0.0.1:5000");
      Answer answer = post(kms, "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken", SIGV4, "{}");
      assertEquals(200, answer.status());
      JsonNode data = answer.body().get("authorizationData").get(0);
      String token = new String(Base64.getDecoder().decode(data.get("authorizationToken").asText()),
          StandardCharsets.UTF_8);
      assertEquals("AWS:" + kms.ecrPassword(), token);
      assertTrue(kms.ecrPassword().length() >= 32);
      assertEquals("http://127.0.0.1:5000", data.get("proxyEndpoint").asText());
      double expiresAt = data.get("expiresAt").asDouble();
      assertTrue(expiresAt > Instant.now().plusSeconds(11 * 3600).getEpochSecond());
      assertEquals(1, kms.count("GetAuthorizationToken"));
      assertEquals("ecr", kms.requests().get(0).service());

      kms.failNext("GetAuthorizationToken", "AccessDeniedException");
      assertEquals("AccessDeniedException", post(kms,
          "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken", SIGV4, "{}")
          .body().get("__type").asText());
    }
  }
}
