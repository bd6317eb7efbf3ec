package dev.countersign.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback (the JDK's) serving a published key directory under {@code /keys/}: JSON as
 * application/json, other files as application/octet-stream, with a strong ETag (304 on a matching
 * If-None-Match) and an optional Cache-Control; it records every request path and status.
 */
final class StaticSite implements AutoCloseable {
  private final HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  volatile String cacheControl;

  StaticSite(Path dir) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/keys/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/keys/".length());
      Path file = dir.resolve(name).normalize();
      if (name.contains("/") || !file.startsWith(dir) || !Files.isRegularFile(file)) {
        requests.add(name + " 404");
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      String tag = "\"" + sha256(body) + "\"";
      exchange.getResponseHeaders().set("ETag", tag);
      exchange.getResponseHeaders().set("Content-Type", name.endsWith(".json") ? "application/json"
          : "application/octet-stream");
      if (cacheControl != null) {
        exchange.getResponseHeaders().set("Cache-Control", cacheControl);
      }
      if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        requests.add(name + " 304");
        exchange.sendResponseHeaders(304, -1);
        exchange.close();
        return;
      }
      requests.add(name + " 200");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys/";
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
