package dev.countersign.keys.ceremony;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpOrigin} against a real loopback server: GET, PUT, status codes, size cap, URL rules. */
class HttpOriginTest {
  private HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile int putStatus = 201;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/o/", ex -> {
      String name = ex.getRequestURI().getPath().substring(3);
      seen.add(ex.getRequestMethod() + " " + name + " " + ex.getRequestHeaders().getFirst("Content-Type"));
      try (InputStream in = ex.getRequestBody()) {
        byte[] body = in.readAllBytes();
        if (ex.getRequestMethod().equals("PUT")) {
          if (putStatus < 300) {
            files.put(name, body);
          }
          ex.sendResponseHeaders(putStatus, -1);
        } else if (name.equals("boom")) {
          ex.sendResponseHeaders(503, -1);
        } else if (name.equals("huge")) {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = new byte[64 << 10];
            for (int i = 0; i < 20; i++) {
              out.write(chunk);
            }
          } catch (java.io.IOException ignored) {
            // the client stops reading at the cap
          }
        } else if (files.containsKey(name)) {
          ex.sendResponseHeaders(200, files.get(name).length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(files.get(name));
          }
        } else {
          ex.sendResponseHeaders(404, -1);
        }
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/o";
  }

  @Test
  void putsAndGetsFilesBelowTheBase() {
    HttpOrigin origin = HttpOrigin.of(base());
    assertTrue(origin.get("keys.json").isEmpty());
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    origin.put("keys.json", json);
    origin.put("pubkey-2026-11-25.pem", "pem".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(json, origin.get("keys.json").orElseThrow());
    assertTrue(seen.contains("PUT keys.json application/json; charset=utf-8")
        || seen.contains("PUT keys.json application/json"), seen.toString());
    assertTrue(seen.stream().anyMatch(s -> s.startsWith("PUT pubkey-2026-11-25.pem application/x-pem-file")),
        seen.toString());
  }

  @Test
  void failuresAreReportedNeverIgnored() {
    HttpOrigin origin = HttpOrigin.of(base() + "/");
    putStatus = 403;
    BackendException put = assertThrows(BackendException.class, () -> origin.put("keys.json", new byte[1]));
    assertTrue(put.getMessage().contains("HTTP 403"), put.getMessage());
    assertFalse(files.containsKey("keys.json"));
    assertThrows(BackendException.class, () -> origin.get("boom"));
    InvalidInputException huge = assertThrows(InvalidInputException.class, () -> origin.get("huge"));
    assertTrue(huge.getMessage().contains("larger than"), huge.getMessage());
    server.stop(0);
    assertThrows(BackendException.class, () -> origin.get("keys.json"));
  }

  @Test
  void plainHttpOnlyToLoopback() {
    assertThrows(InvalidInputException.class, () -> HttpOrigin.of("http://cdn.example.com/keys/"));
    assertThrows(InvalidInputException.class, () -> HttpOrigin.of("http://127.evil.example/keys/"));
    assertThrows(InvalidInputException.class, () -> HttpOrigin.of("http://10.0.0.1/keys/"));
    assertThrows(InvalidInputException.class, () -> HttpOrigin.of("ftp://127.0.0.1/keys/"));
    assertThrows(InvalidInputException.class, () -> HttpOrigin.of("https://cdn.example.com/keys/?x=1"));
    HttpOrigin.of("http://localhost:1/keys/");
    HttpOrigin.of("http://[::1]:1/keys/");
    HttpOrigin.of("https://cdn.example.com/keys");
    assertTrue(HttpOrigin.isUrl("HTTPS://x/") && !HttpOrigin.isUrl("/srv/keys"));
    assertEquals("HttpOrigin{https://cdn.example.com/keys/}", HttpOrigin.of("https://cdn.example.com/keys")
        .toString());
  }
}
