package dev.countersign.testing.servers;

import static dev.countersign.testing.servers.Http.assertError;
import static dev.countersign.testing.servers.Http.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultTest {
  @RegisterExtension
  static final TestRegistry REGISTRY = TestRegistry.builder().resetBeforeEachTest().build();
  private final Http http = new Http(REGISTRY);

  @Test
  void statusFaultsApplyToMatchingRequestsTheGivenNumberOfTimes() {
    String m = http.image("f", Http.OCI_MANIFEST, null, null);
    REGISTRY.enqueue(Fault.status(429).retryAfter(1).on("PUT", "/v2/.+/manifests/.+").times(2))
        .enqueue(Fault.status(503).on("GET", "/v2/f/tags/list"));
    assertEquals(3, REGISTRY.pendingFaults());
    assertEquals(200, http.get("/v2/").statusCode(), "other requests are not affected");
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> r = http.putManifest("f", "v1", Http.OCI_MANIFEST, m);
      assertError(r, 429, "TOO_MANY_REQUESTS");
      assertEquals(Optional.of("1"), r.headers().firstValue("Retry-After"));
    }
    assertEquals(201, http.putManifest("f", "v1", Http.OCI_MANIFEST, m).statusCode());
    assertEquals(503, http.get("/v2/f/tags/list").statusCode());
    assertEquals(200, http.get("/v2/f/tags/list").statusCode());
    assertEquals(0, REGISTRY.pendingFaults());
    assertThrows(IllegalArgumentException.class, () -> Fault.status(200));
    assertThrows(IllegalArgumentException.class, () -> Fault.connectionReset().retryAfter(1));
  }

  @Test
  void connectionResetSendsNoResponse() throws IOException {
    REGISTRY.enqueue(Fault.connectionReset().on(null, "/v2/"));
    assertEquals(0, RawHttp.exchange(REGISTRY, "GET /v2/ HTTP/1.1").length, "EOF before any response byte");
    assertEquals(200, http.get("/v2/").statusCode());
    assertEquals(List.of(0, 200), REGISTRY.requests().stream().map(RecordedRequest::status).toList());
  }

  @Test
  void truncatedBodyEndsEarly() throws IOException {
    byte[] data = new byte[10_000];
    String d = http.pushBlob("t", data);
    REGISTRY.enqueue(Fault.truncatedBody().on("GET", "/v2/t/blobs/.+").times(2));
    String response = new String(RawHttp.exchange(REGISTRY, "GET /v2/t/blobs/" + d + " HTTP/1.1"),
        StandardCharsets.ISO_8859_1);
    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.toLowerCase(Locale.ROOT).contains("content-length: 10000"), response);
    assertEquals(5_000, response.length() - response.indexOf("\r\n\r\n") - 4, "half the body, then EOF");
    UncheckedIOException cut = assertThrows(UncheckedIOException.class, () -> http.get("/v2/t/blobs/" + d));
    assertInstanceOf(IOException.class, cut.getCause());
    assertArrayEquals(data, http.get("/v2/t/blobs/" + d).body());
  }

  @Test
  void slowBodyIsComplete() {
    byte[] data = utf8("x".repeat(4096));
    String d = http.pushBlob("s", data);
    REGISTRY.enqueue(Fault.slowBody(Duration.ofMillis(50)));
    long start = System.nanoTime();
    assertArrayEquals(data, http.get("/v2/s/blobs/" + d).body());
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "4 chunks, 50 ms before each");
  }

  @Test
  void requestLogRecordsRoundTrips() {
    http.get("/v2/");
    http.get("/v2/x/tags/list?n=1", "X-Test", "yes");
    assertEquals(2, REGISTRY.requestCount());
    RecordedRequest first = REGISTRY.takeRequest();
    assertEquals("GET /v2/ -> 200", first.toString());
    RecordedRequest second = REGISTRY.takeRequest();
    assertEquals("/v2/x/tags/list", second.path());
    assertEquals("n=1", second.query());
    assertEquals(404, second.status());
    assertEquals(Optional.of("yes"), second.header("x-test"));
    assertThrows(IllegalStateException.class, REGISTRY::takeRequest);
    REGISTRY.reset();
    assertEquals(0, REGISTRY.requestCount());
  }
}
