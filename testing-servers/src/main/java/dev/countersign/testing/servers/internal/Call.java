package dev.countersign.testing.servers.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request as the endpoints see it: method, repository name, query parameters, headers and a bounded body. */
final class Call {
  /** How much of an unwanted request body is read before answering; beyond it the connection is just closed. */
  static final long DRAIN_LIMIT = 64L << 20;
  final HttpExchange exchange;
  final String method;
  final String name;
  final Map<String, List<String>> query;

  Call(HttpExchange exchange, String name) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.name = name;
    this.query = parse(exchange.getRequestURI().getRawQuery());
  }

  static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  /** The first value of query parameter {@code key}, or null. */
  String param(String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  String header(String key) {
    return exchange.getRequestHeaders().getFirst(key);
  }

  /** The whole body; more than {@code limit} bytes fail with 413 and {@code code}. */
  byte[] body(long limit, String code) {
    return body(limit, 413, code);
  }

  /** The whole body; more than {@code limit} bytes fail with {@code status} and {@code code}. */
  byte[] body(long limit, int status, String code) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (data.length > limit) {
        // read the rest first: closing a socket with unread input resets it, and the client loses the answer
        drain(DRAIN_LIMIT);
        throw Reply.fail(status, code, "request body exceeds " + limit + " bytes");
      }
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
  }

  /** Reads and discards up to {@code limit} bytes of the body so that the client can finish sending it. */
  void drain(long limit) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buf = new byte[8192];
      long left = limit;
      for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) != -1; ) {
        left -= n;
      }
    } catch (IOException ignored) {
      // the client gave up sending: nothing to drain
    }
  }
}
