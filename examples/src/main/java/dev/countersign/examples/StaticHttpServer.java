package dev.countersign.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only web server for one directory on {@code 127.0.0.1}, on an ephemeral port, with the JDK's
 * {@code com.sun.net.httpserver}: {@code GET} of a regular file under the directory answers 200 with its bytes,
 * anything else 404 (or 405 for other methods). It stands in for a chart repository's web server and the key
 * CDN (or a bucket)
 * in the demos; closing it stops it.
 */
final class StaticHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private final AtomicInteger requests = new AtomicInteger();

  private StaticHttpServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
  }

  /** Serves {@code root} until {@link #close()}. */
  static StaticHttpServer serve(Path root) throws IOException {
    StaticHttpServer s = new StaticHttpServer(root);
    s.server.start();
    return s;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123/}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Requests answered so far. */
  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Path file = resolve(exchange.getRequestURI().getPath());
      if (file == null || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
      exchange.sendResponseHeaders(200, Files.size(file));
      try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  /** The type a CDN is configured to send for {@code name} (S3 takes it from the upload). */
  private static String contentType(String name) {
    return name.endsWith(".yaml") ? "application/x-yaml" : name.endsWith(".tgz") ? "application/gzip"
        : name.endsWith(".json") ? "application/json" : name.endsWith(".pem") ? "application/x-pem-file"
        : "application/octet-stream";
  }

  /** The file under the root a request path names, or null when it names none (e.g. {@code /../x}). */
  private Path resolve(String requestPath) {
    try {
      Path file = root.resolve(requestPath.substring(1)).normalize();
      return file.startsWith(root) ? file : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
