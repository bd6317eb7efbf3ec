package dev.countersign.testing.servers.keyserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.TestKeyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TestKeyServer example of docs/testing.md, verbatim: keep the two in sync. */
class TestKeyServerDocExampleTest {
  // --- docs/testing.md: TestKeyServer example ---
  @RegisterExtension
  static final TestKeyServer CDN = TestKeyServer.builder()
      .file("keys.json", "{\"version\":2}")
      .file("pubkey.pem", "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n")
      .basePath("/keys/").maxAge(Duration.ofMinutes(5)).resetBeforeEachTest().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> get(String url, String ifNoneMatch) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void revalidatesWithTheEtag() throws Exception {
    HttpResponse<String> first = get(CDN.url("keys.json"), null);   // http://127.0.0.1:PORT/keys/keys.json
    assertEquals("application/json", first.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("public, max-age=300", first.headers().firstValue("Cache-Control").orElseThrow());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, get(CDN.url("keys.json"), etag).statusCode());
    CDN.put("keys.json", "{\"version\":3}");                        // a new version is published
    assertEquals("{\"version\":3}", get(CDN.url("keys.json"), etag).body());
    assertEquals(3, CDN.requestCount());
  }

  @Test
  void failsAndLagsOnDemand() throws Exception {
    CDN.enqueue(Fault.status(503).on("GET", "/keys/keys\\.json"));
    assertEquals(503, get(CDN.url("keys.json"), null).statusCode());
    CDN.enqueue(Fault.connectionReset().times(2));                   // HttpClient retries a GET once
    assertThrows(IOException.class, () -> get(CDN.url("pubkey.pem"), null));
    CDN.put("keys.json", "{\"version\":3}")
        .serveStale("keys.json", "{\"version\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1);
    assertEquals("{\"version\":2}", get(CDN.url("keys.json"), null).body()); // an edge not yet updated
    assertEquals("{\"version\":3}", get(CDN.url("keys.json"), null).body());
  }
  // --- end of example ---
}
