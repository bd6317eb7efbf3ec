package dev.countersign.testing.servers.keyserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.testing.servers.TestKeyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serving as a CDN: content types, ETags and 304, Cache-Control, HEAD, 404s, directories and symbolic links. */
class TestKeyServerTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String MANIFEST = "{\"version\":1}";
  static final String PEM = "-----BEGIN PUBLIC KEY-----\nMFk=\n-----END PUBLIC KEY-----\n";

  @TempDir
  Path dir;

  static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)));
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void servesFilesWithContentTypesEtagsAndCacheControl() throws Exception {
    Files.writeString(dir.resolve("keys.json"), MANIFEST);
    Files.createDirectories(dir.resolve("pgp"));
    Files.write(dir.resolve("pgp/release.gpg"), new byte[] {(byte) 0x99, 1, 2});
    try (TestKeyServer cdn = TestKeyServer.builder().directory(dir).file("pubkey.pem", PEM).basePath("keys")
        .maxAge(Duration.ofMinutes(5)).build().start()) {
      assertTrue(cdn.url().matches("http://127\\.0\\.0\\.1:\\d+/keys/"), cdn.url());
      HttpResponse<byte[]> json = get(cdn.url("keys.json"));
      assertEquals(200, json.statusCode());
      assertEquals(MANIFEST, text(json));
      assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("public, max-age=300", json.headers().firstValue("Cache-Control").orElseThrow());
      String etag = json.headers().firstValue("ETag").orElseThrow();
      assertTrue(etag.matches("\"[0-9a-f]{64}\""), etag);
      assertEquals("application/x-pem-file", get(cdn.url("pubkey.pem")).headers().firstValue("Content-Type")
          .orElseThrow());
      HttpResponse<byte[]> gpg = get(cdn.url("pgp/release.gpg"));
      assertEquals("application/pgp-keys", gpg.headers().firstValue("Content-Type").orElseThrow());
      assertArrayEquals(new byte[] {(byte) 0x99, 1, 2}, gpg.body());

      HttpResponse<byte[]> notModified = send(HttpRequest.newBuilder(URI.create(cdn.url("keys.json")))
          .header("If-None-Match", "\"other\", " + etag));
      assertEquals(304, notModified.statusCode());
      assertEquals(0, notModified.body().length);
      assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
      assertEquals(200, send(HttpRequest.newBuilder(URI.create(cdn.url("keys.json")))
          .header("If-None-Match", "\"other\"")).statusCode());

      Files.writeString(dir.resolve("keys.json"), "{\"version\":2}"); // read per request, as an origin sync
      HttpResponse<byte[]> changed = send(HttpRequest.newBuilder(URI.create(cdn.url("keys.json")))
          .header("If-None-Match", etag));
      assertEquals(200, changed.statusCode());
      assertEquals("{\"version\":2}", text(changed));

      HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(cdn.url("keys.json")))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, head.statusCode());
      assertEquals(0, head.body().length);
      assertEquals("13", head.headers().firstValue("Content-Length").orElseThrow());

      assertEquals(7, cdn.requestCount());
      assertEquals("GET /keys/keys.json -> 200", cdn.takeRequest().toString());
    }
  }

  @Test
  void unknownTraversingAndLinkedPathsAre404() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    Files.writeString(site.resolve("keys.json"), MANIFEST);
    Path secret = Files.writeString(dir.resolve("secret.pem"), PEM);
    Files.createSymbolicLink(site.resolve("link.pem"), secret);
    Files.createSymbolicLink(site.resolve("linkdir"), dir);
    Files.createDirectories(site.resolve("sub"));
    try (TestKeyServer cdn = TestKeyServer.builder().directory(site).basePath("/keys/").build().start()) {
      String base = cdn.url();
      String root = base.substring(0, base.length() - "keys/".length());
      for (String url : new String[] {base + "missing.json", base + "link.pem", base + "linkdir/secret.pem",
          base + "../secret.pem", base + "%2e%2e/secret.pem", base + "sub", base + "sub/", base,
          base + "a//b", root + "keys.json", root + "other/keys.json"}) {
        HttpResponse<byte[]> r = get(url);
        assertEquals(404, r.statusCode(), url);
        assertFalse(text(r).contains("BEGIN PUBLIC KEY"), url);
      }
      assertEquals(200, get(base + "keys.json").statusCode());
      HttpResponse<byte[]> post = send(HttpRequest.newBuilder(URI.create(base + "keys.json"))
          .POST(HttpRequest.BodyPublishers.ofString("x")));
      assertEquals(405, post.statusCode());
      assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }
  }

  @Test
  void etagsAndCacheControlCanBeChangedAtRunTime() throws Exception {
    try (TestKeyServer cdn = TestKeyServer.builder().file("keys.json", MANIFEST).etags(false).build().start()) {
      HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(cdn.url("keys.json")))
          .header("If-None-Match", "*"));
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("ETag").isEmpty());
      assertTrue(r.headers().firstValue("Cache-Control").isEmpty());
      cdn.etags(true).cacheControl("no-cache");
      HttpResponse<byte[]> changed = send(HttpRequest.newBuilder(URI.create(cdn.url("keys.json")))
          .header("If-None-Match", "*"));
      assertEquals(304, changed.statusCode());
      assertEquals("no-cache", changed.headers().firstValue("Cache-Control").orElseThrow());
      assertThrows(IllegalArgumentException.class, () -> cdn.cacheControl(" "));
      cdn.reset();
      r = get(cdn.url("keys.json"));
      assertTrue(r.headers().firstValue("ETag").isEmpty(), "reset restores the builder's headers");
      assertTrue(r.headers().firstValue("Cache-Control").isEmpty());
    }
  }

  @Test
  void filesChangeAtRunTimeAndResetRestoresTheBuildersFiles() throws Exception {
    try (TestKeyServer cdn = TestKeyServer.builder().file("keys.json", MANIFEST).build().start()) {
      cdn.put("keys.json", "{\"version\":2}").put("2.keys.json", "{\"version\":2}");
      assertEquals("{\"version\":2}", text(get(cdn.url("keys.json"))));
      assertEquals(200, get(cdn.url("2.keys.json")).statusCode());
      assertTrue(cdn.remove("2.keys.json"));
      assertFalse(cdn.remove("2.keys.json"));
      assertEquals(404, get(cdn.url("2.keys.json")).statusCode());
      cdn.reset();
      assertEquals(0, cdn.requestCount());
      assertEquals(MANIFEST, text(get(cdn.url("keys.json"))));
    }
  }

  @Test
  void badOptionsAndNamesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().directory(dir.resolve("none")));
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().file("../x", "y"));
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().file("/abs", "y"));
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().file("a\\b", "y"));
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().basePath("/a/../b"));
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().cacheControl("a\r\nX: y"));
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().maxAge(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> TestKeyServer.builder().acceptPut(-1));
    TestKeyServer stopped = TestKeyServer.serving(dir);
    assertThrows(IllegalStateException.class, stopped::url);
    assertThrows(IllegalArgumentException.class, () -> stopped.put("a/./b", "x"));
    assertThrows(IllegalArgumentException.class, () -> stopped.serveStale("keys.json", new byte[0], 0));
    assertThrows(IllegalStateException.class, stopped::takeRequest);
  }
}
