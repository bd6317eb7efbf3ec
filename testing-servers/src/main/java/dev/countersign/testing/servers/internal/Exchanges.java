package dev.countersign.testing.servers.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the servers' handlers share: logging a request, and writing a body as a fault damages or throttles it. */
final class Exchanges {
  private Exchanges() {}

  /** The request as logged: header names in lower case, {@code Authorization} values cut to their scheme. */
  static RecordedRequest recorded(HttpExchange exchange, int status) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
        k.equalsIgnoreCase("Authorization") ? v.stream().map(Exchanges::scheme).toList() : List.copyOf(v)));
    String query = exchange.getRequestURI().getRawQuery();
    return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        query == null ? "" : query, headers, status);
  }

  private static String scheme(String authorization) {
    int space = authorization.indexOf(' ');
    return space < 0 ? "(redacted)" : authorization.substring(0, space) + " (redacted)";
  }

  /**
   * Sends the status and {@code body} (headers already set): half of it then an abort for a truncated-body fault,
   * 1 KiB chunks with a sleep before each for a slow-body fault, else all of it.
   */
  static void send(HttpExchange exchange, int status, byte[] body, Fault fault) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    OutputStream out = exchange.getResponseBody();
    if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_BODY) {
      out.write(body, 0, body.length / 2);
      out.flush();
      throw new Abort();
    }
    if (fault != null && fault.kind() == Fault.Kind.SLOW_BODY) {
      for (int off = 0; off < body.length; off += 1024) {
        sleep(fault);
        out.write(body, off, Math.min(1024, body.length - off));
        out.flush();
      }
    } else {
      out.write(body);
    }
    out.close();
    exchange.close();
  }

  private static void sleep(Fault fault) {
    try {
      Thread.sleep(fault.delayPerChunk().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Abort();
    }
  }

  /** Thrown out of a handler so that the JDK server closes the connection without completing the response. */
  static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort() {
      super("connection closed on purpose", null, false, false);
    }
  }
}
