package dev.countersign.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An origin server on loopback (the JDK's HttpServer) that stores files sent by {@code PUT /keys/NAME} and serves
 * them by {@code GET}; records every request as {@code METHOD NAME}.
 */
final class LoopbackOrigin implements AutoCloseable {
  private final HttpServer server;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile String failPut;

  /** Answers 500 to every PUT of {@code name} (null: none). */
  void failPutOf(String name) {
    failPut = name;
  }

  LoopbackOrigin() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/keys/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/keys/".length());
      String method = exchange.getRequestMethod();
      requests.add(method + " " + name);
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        if (name.isEmpty() || name.contains("/")) {
          exchange.sendResponseHeaders(400, -1);
        } else if (method.equals("PUT") && name.equals(failPut)) {
          exchange.sendResponseHeaders(500, -1);
        } else if (method.equals("PUT")) {
          boolean created = files.put(name, body) == null;
          exchange.sendResponseHeaders(created ? 201 : 204, -1);
        } else if (method.equals("GET") && files.containsKey(name)) {
          byte[] content = files.get(name);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, content.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(content);
          }
        } else {
          exchange.sendResponseHeaders(method.equals("GET") ? 404 : 405, -1);
        }
      } finally {
        exchange.close();
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
