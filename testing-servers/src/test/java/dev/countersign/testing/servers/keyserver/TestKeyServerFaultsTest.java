package dev.countersign.testing.servers.keyserver;

import static dev.countersign.testing.servers.keyserver.TestKeyServerTest.get;
import static dev.countersign.testing.servers.keyserver.TestKeyServerTest.send;
import static dev.countersign.testing.servers.keyserver.TestKeyServerTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.RecordedRequest;
import dev.countersign.testing.servers.TestKeyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults as in TestRegistry, stale edges, PUT as an origin, and the request log. */
class TestKeyServerFaultsTest {
  static final String V1 = "{\"version\":1}";
  static final String V2 = "{\"version\":2}";

  @RegisterExtension
  static final TestKeyServer CDN = TestKeyServer.builder().file("keys.json", V2).file("big.gpg", new byte[64 * 1024])
      .resetBeforeEachTest().build();

  @Test
  void statusFaultsAnswerWithoutServingAndCarryRetryAfter() throws Exception {
    CDN.enqueue(Fault.status(503).retryAfter(2).on("GET", "/keys\\.json").times(2));
    assertEquals(2, CDN.pendingFaults());
    HttpResponse<byte[]> first = get(CDN.url("keys.json"));
    assertEquals(503, first.statusCode());
    assertEquals("2", first.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(200, get(CDN.url("big.gpg")).statusCode(), "another path does not match");
    assertEquals(503, get(CDN.url("keys.json")).statusCode());
    assertEquals(V2, text(get(CDN.url("keys.json"))));
    assertEquals(0, CDN.pendingFaults());
    assertEquals(java.util.List.of(503, 200, 503, 200),
        CDN.requests().stream().map(RecordedRequest::status).toList());
  }

  @Test
  void resetSendsNothingAndTruncatedBodiesEndEarly() throws Exception {
    CDN.enqueue(Fault.connectionReset()).enqueue(Fault.truncatedBody().on("GET", "/big\\.gpg"));
    assertEquals(0, raw("/keys.json").length, "EOF before any response byte");
    String cut = new String(raw("/big.gpg"), StandardCharsets.ISO_8859_1);
    assertTrue(cut.startsWith("HTTP/1.1 200"), cut);
    assertTrue(cut.toLowerCase(java.util.Locale.ROOT).contains("content-length: 65536"), cut);
    assertEquals(32 * 1024, cut.length() - cut.indexOf("\r\n\r\n") - 4, "half the body, then EOF");
    assertEquals(64 * 1024, get(CDN.url("big.gpg")).body().length);
    assertEquals(java.util.List.of(0, 200, 200), CDN.requests().stream().map(RecordedRequest::status).toList());
  }

  /** GET {@code path} over a raw socket, every byte until EOF: no client retries or length checks. */
  private static byte[] raw(String path) throws IOException {
    int port = URI.create(CDN.url()).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      try (InputStream in = s.getInputStream()) {
        return in.readAllBytes();
      }
    }
  }

  @Test
  void slowBodiesArriveWholeButLate() throws Exception {
    CDN.enqueue(Fault.slowBody(Duration.ofMillis(5)).on("GET", ".*\\.gpg"));
    long start = System.nanoTime();
    HttpResponse<byte[]> r = get(CDN.url("big.gpg"));
    assertEquals(64 * 1024, r.body().length);
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "64 chunks of 5 ms");
  }

  @Test
  void aStaleEdgeServesTheOlderContentWithItsOwnEtag() throws Exception {
    String current = get(CDN.url("keys.json")).headers().firstValue("ETag").orElseThrow();
    CDN.serveStale("keys.json", V1.getBytes(StandardCharsets.UTF_8), 2);
    HttpResponse<byte[]> stale = get(CDN.url("keys.json"));
    assertEquals(V1, text(stale));
    assertTrue(!stale.headers().firstValue("ETag").orElseThrow().equals(current));
    HttpResponse<byte[]> staleConditional = send(HttpRequest.newBuilder(URI.create(CDN.url("keys.json")))
        .header("If-None-Match", current));
    assertEquals(200, staleConditional.statusCode(), "the old content does not match the new ETag");
    assertEquals(V1, text(staleConditional));
    assertEquals(V2, text(get(CDN.url("keys.json"))));
  }

  @Test
  void putIsRefusedUnlessEnabled() throws Exception {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(CDN.url("new.json")))
        .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(405, r.statusCode());
    assertTrue(CDN.content("new.json").isEmpty());
  }

  @Test
  void anOriginAcceptsPutsWithinItsLimit() throws Exception {
    try (TestKeyServer origin = TestKeyServer.builder().acceptPut(100).build().start()) {
      assertEquals(201, put(origin, "keys.json", V1).statusCode());
      assertEquals(204, put(origin, "keys.json", V2).statusCode());
      assertEquals(201, put(origin, "pgp/team.asc", "armored").statusCode());
      assertArrayEquals(V2.getBytes(StandardCharsets.UTF_8), origin.content("keys.json").orElseThrow());
      assertEquals("application/pgp-keys", get(origin.url("pgp/team.asc")).headers().firstValue("Content-Type")
          .orElseThrow());
      assertEquals(413, put(origin, "big.json", "x".repeat(101)).statusCode());
      assertTrue(origin.content("big.json").isEmpty());
      assertEquals(404, put(origin, "../escape.json", "{}").statusCode());
    }
  }

  private static HttpResponse<byte[]> put(TestKeyServer server, String name, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.url() + name))
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void eachTestStartsWithTheBuildersFilesAndAnEmptyLog() throws Exception {
    assertEquals(0, CDN.requestCount());
    assertEquals(0, CDN.pendingFaults());
    assertEquals(V2, text(get(CDN.url("keys.json"))));
    CDN.put("keys.json", V1).enqueue(Fault.status(500)); // reset before the next test
  }
}
