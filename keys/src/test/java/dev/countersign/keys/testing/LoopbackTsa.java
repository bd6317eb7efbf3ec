package dev.countersign.keys.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/** A TSA on a loopback HTTP server (the JDK's HttpServer): the handler maps a DER query to a DER reply. */
public final class LoopbackTsa implements AutoCloseable {
  private final HttpServer server;

  public LoopbackTsa(UnaryOperator<byte[]> handler) throws IOException {
    this(handler, false);
  }

  /** With {@code chunked}, the reply is streamed without a Content-Length. */
  public LoopbackTsa(UnaryOperator<byte[]> handler, boolean chunked) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tsa", exchange -> {
      try (exchange) {
        byte[] query;
        try (InputStream in = exchange.getRequestBody()) {
          query = in.readAllBytes();
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod()) || type == null
            || !type.startsWith("application/timestamp-query")) {
          exchange.sendResponseHeaders(415, -1);
          return;
        }
        byte[] reply;
        try {
          reply = handler.apply(query);
        } catch (RuntimeException e) {
          byte[] msg = String.valueOf(e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, msg.length);
          exchange.getResponseBody().write(msg);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
        exchange.sendResponseHeaders(200, chunked ? 0 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply);
        }
      }
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
