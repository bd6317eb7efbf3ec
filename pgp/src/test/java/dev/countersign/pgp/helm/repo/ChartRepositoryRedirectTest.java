package dev.countersign.pgp.helm.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.countersign.pgp.helm.ChartIndexEntry;
import dev.countersign.pgp.helm.ChartRepository;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import dev.countersign.pgp.helm.DownloadedChart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirects, ETag revalidation and where credentials go: python's http.server can do none of these, so the JDK's
 * HTTP server plays the repository (a second one on another port plays a CDN the charts redirect to).
 */
class ChartRepositoryRedirectTest {
  static final Instant T = Instant.parse("2024-01-02T03:04:05Z");
  @TempDir Path dest;
  HttpServer repo;
  HttpServer cdn;
  final Map<String, String> authSeen = new ConcurrentHashMap<>();
  final Map<String, String> ifNoneMatchSeen = new ConcurrentHashMap<>();
  byte[] index;

  @BeforeEach
  void start() throws IOException {
    cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    cdn.createContext("/", ex -> {
      record(ex, "cdn");
      String p = ex.getRequestURI().getPath();
      if (p.equals("/blobs/hashtest-1.2.3.tgz")) {
        send(ex, 200, RepoFixtures.vector(RepoFixtures.CHART));
      } else if (p.equals("/blobs/hashtest-1.2.3.tgz.prov")) {
        send(ex, 200, RepoFixtures.vector(RepoFixtures.CHART + ".prov"));
      } else {
        send(ex, 404, new byte[0]);
      }
    });
    cdn.start();
    String cdnUrl = "http://127.0.0.1:" + cdn.getAddress().getPort();
    index = ChartRepositoryIndex.empty(T).with(ChartIndexEntry.of(ChartRepositoryFetchTest.hashtest(),
        List.of("charts/hashtest-1.2.3.tgz"), T, RepoFixtures.sha256(RepoFixtures.vector(RepoFixtures.CHART))))
        .toYaml();
    repo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    repo.createContext("/", ex -> {
      record(ex, "repo");
      String p = ex.getRequestURI().getPath();
      if (p.equals("/old/index.yaml")) {
        ex.getResponseHeaders().add("Location", "/stable/index.yaml");
        send(ex, 301, new byte[0]);
      } else if (p.equals("/stable/index.yaml")) {
        ex.getResponseHeaders().add("ETag", "\"v1\"");
        if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
          send(ex, 304, null);
        } else {
          send(ex, 200, index);
        }
      } else if (p.startsWith("/old/charts/")) {
        ex.getResponseHeaders().add("Location", cdnUrl + "/blobs/" + p.substring("/old/charts/".length()));
        send(ex, 302, new byte[0]);
      } else {
        send(ex, 404, new byte[0]);
      }
    });
    repo.start();
  }

  private void record(HttpExchange ex, String server) {
    String key = server + " " + ex.getRequestURI().getPath();
    authSeen.put(key, String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    String inm = ex.getRequestHeaders().getFirst("If-None-Match");
    if (inm != null) {
      ifNoneMatchSeen.put(key, inm);
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body == null ? -1 : body.length == 0 ? -1 : body.length);
    if (body != null && body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @AfterEach
  void stop() {
    repo.stop(0);
    cdn.stop(0);
  }

  @Test
  void followsRedirectsCountsHopsAndKeepsCredentialsOnTheRepositoryHost() {
    ChartRepository r = ChartRepository.builder("http://127.0.0.1:" + repo.getAddress().getPort() + "/old")
        .bearerToken("s3cret".toCharArray()).build();
    DownloadedChart chart = r.download("hashtest", "1.2.3", dest, true);
    assertEquals(RepoFixtures.sha256(RepoFixtures.vector(RepoFixtures.CHART)), chart.sha256());
    assertEquals(6, r.requestCount(), "index 301 + 200, chart 302 + 200, prov 302 + 200");
    assertEquals("Bearer s3cret", authSeen.get("repo /old/index.yaml"));
    assertEquals("Bearer s3cret", authSeen.get("repo /stable/index.yaml"));
    assertEquals("null", authSeen.get("cdn /blobs/hashtest-1.2.3.tgz"), "no credentials to another host");
    assertEquals("null", authSeen.get("cdn /blobs/hashtest-1.2.3.tgz.prov"));
  }

  @Test
  void revalidatesTheIndexWithItsEtag() {
    ChartRepository r = ChartRepository.builder("http://127.0.0.1:" + repo.getAddress().getPort() + "/stable/")
        .build();
    ChartRepositoryIndex first = r.index();
    assertNull(ifNoneMatchSeen.get("repo /stable/index.yaml"));
    assertSame(first, r.index());
    assertEquals("\"v1\"", ifNoneMatchSeen.get("repo /stable/index.yaml"));
    assertEquals(2, r.requestCount());
  }
}
