package dev.countersign.testing.servers;

import static dev.countersign.testing.servers.Http.assertError;
import static dev.countersign.testing.servers.Http.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuthTest {
  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicAuthChallengesAndAccepts() {
    try (TestRegistry registry = TestRegistry.builder().basicAuth("alice", "s3cret").build().start()) {
      Http http = new Http(registry);
      HttpResponse<byte[]> none = http.get("/v2/");
      assertError(none, 401, "UNAUTHORIZED");
      assertEquals(Optional.of("Basic realm=\"countersign-test-registry\""),
          none.headers().firstValue("WWW-Authenticate"));
      assertEquals(401, http.get("/v2/app/tags/list", "Authorization", basic("alice", "wrong")).statusCode());
      assertEquals(200, http.get("/v2/", "Authorization", basic("alice", "s3cret")).statusCode());
      assertError(http.get("/v2/app/tags/list", "Authorization", basic("alice", "s3cret")), 404, "NAME_UNKNOWN");
      RecordedRequest logged = registry.requests().get(1);
      assertEquals(Optional.of("Basic (redacted)"), logged.header("Authorization"));
      assertFalse(registry.requests().toString().contains("s3cret"));
    }
  }

  @Test
  void bearerFlowGrantsRequestedScopes() {
    try (TestRegistry registry = TestRegistry.builder().bearerAuth("bob", "pw").build().start()) {
      Http http = new Http(registry);
      HttpResponse<byte[]> challenge = http.get("/v2/app/manifests/v1");
      assertEquals(401, challenge.statusCode());
      String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
      Matcher m = Pattern.compile("Bearer realm=\"([^\"]+)\",service=\"([^\"]+)\",scope=\"([^\"]+)\"")
          .matcher(header);
      assertTrue(m.matches(), header);
      assertEquals(registry.url() + "/token", m.group(1));
      assertEquals("repository:app:pull", m.group(3));
      String tokenPath = "/token?service=" + m.group(2) + "&scope=" + URLEncoder.encode(m.group(3),
          StandardCharsets.UTF_8);
      assertError(http.get(tokenPath), 401, "UNAUTHORIZED");
      assertError(http.get(tokenPath, "Authorization", basic("bob", "nope")), 401, "UNAUTHORIZED");
      HttpResponse<byte[]> token = http.get(tokenPath, "Authorization", basic("bob", "pw"));
      assertEquals(200, token.statusCode());
      Matcher t = Pattern.compile("\\{\"token\":\"([^\"]+)\".*").matcher(text(token));
      assertTrue(t.matches(), text(token));
      String bearer = "Bearer " + t.group(1);
      assertError(http.get("/v2/app/manifests/v1", "Authorization", bearer), 404, "MANIFEST_UNKNOWN");
      HttpResponse<byte[]> push = http.send("POST", "/v2/app/blobs/uploads/", null, "Authorization", bearer);
      assertEquals(401, push.statusCode(), "a pull token cannot push");
      assertTrue(push.headers().firstValue("WWW-Authenticate").orElseThrow()
          .endsWith("scope=\"repository:app:pull,push\""));
      assertEquals(401, http.get("/v2/other/manifests/v1", "Authorization", bearer).statusCode());
      assertEquals(200, http.get("/v2/", "Authorization", bearer).statusCode());
      assertEquals(401, http.get("/v2/", "Authorization", "Bearer made-up").statusCode());
    }
  }

  @Test
  void anonymousBearerTokensNeedNoCredentials() {
    try (TestRegistry registry = TestRegistry.builder().bearerAuth().build().start()) {
      Http http = new Http(registry);
      assertEquals(401, http.get("/v2/").statusCode());
      HttpResponse<byte[]> token = http.get("/token?service=x&scope=repository:a:pull,push");
      assertEquals(200, token.statusCode(), text(token));
    }
  }

  @Test
  void invalidOptionsAreRefused() {
    assertThrows(() -> TestRegistry.builder().basicAuth("", "x"));
    assertThrows(() -> TestRegistry.builder().maxManifestBytes(0).build());
  }

  private static void assertThrows(Runnable r) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
  }
}
