package dev.countersign.keys;

import com.sun.net.httpserver.HttpServer;
import dev.countersign.keys.internal.resolver.PublicKeyDownload;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback (the JDK's) serving the files of a directory as application/json. With
 * {@link #etags} it sends a strong ETag (SHA-256 of the body) and answers a matching {@code If-None-Match} with
 * 304; {@link #cacheControl} is sent as {@code Cache-Control} when set. {@link #conditional} records the
 * requests that carried {@code If-None-Match}.
 */
final class LoopbackCdn implements AutoCloseable {
  private final HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> conditional = new CopyOnWriteArrayList<>();
  volatile boolean etags;
  volatile String cacheControl;

  LoopbackCdn(Path dir) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/keys/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/keys/".length());
      requests.add(name);
      Path file = dir.resolve(name).normalize();
      if (name.contains("/") || !file.startsWith(dir) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (cacheControl != null) {
        exchange.getResponseHeaders().set("Cache-Control", cacheControl);
      }
      if (etags) {
        String tag = "\"" + PublicKeyDownload.sha256(body) + "\"";
        exchange.getResponseHeaders().set("ETag", tag);
        String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (inm != null) {
          conditional.add(name);
        }
        if (tag.equals(inm)) {
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
          return;
        }
      }
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

  @Override
  public void close() {
    server.stop(0);
  }
}
