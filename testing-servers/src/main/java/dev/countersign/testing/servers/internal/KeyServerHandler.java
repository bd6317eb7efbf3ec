package dev.countersign.testing.servers.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.countersign.testing.servers.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A key server's HTTP handler: GET and HEAD of files under the base path as a CDN serves them (Content-Type by
 * extension, strong ETag, 304 on a matching If-None-Match, optional Cache-Control), optional PUT as an origin,
 * armed faults and the request log.
 */
public final class KeyServerHandler implements HttpHandler {
  /** Options: base path ("/..."/), Cache-Control value or null, ETags on, PUT accepted and its size limit. */
  public record Options(String basePath, String cacheControl, boolean etags, boolean acceptPut, int maxPutBytes) {}

  private final Options options;
  private final KeyFiles files;
  private final RequestLog log = new RequestLog();
  private volatile String cacheControl;
  private volatile boolean etags;

  public KeyServerHandler(Options options, KeyFiles files) {
    this.options = options;
    this.files = files;
    this.cacheControl = options.cacheControl();
    this.etags = options.etags();
  }

  /** Changes the Cache-Control sent from now on (null: none). */
  public void cacheControl(String value) {
    this.cacheControl = value;
  }

  /** Turns ETags and 304 answers on or off from now on. */
  public void etags(boolean enabled) {
    this.etags = enabled;
  }

  /** Back to the builder's files and headers, without requests, faults or stale answers. */
  public void reset() {
    files.reset();
    log.clear();
    cacheControl = options.cacheControl();
    etags = options.etags();
  }

  public RequestLog log() {
    return log;
  }

  public KeyFiles files() {
    return files;
  }

  /** The Content-Type a CDN would send for {@code name}. */
  public static String contentType(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".json")) {
      return "application/json";
    }
    if (n.endsWith(".pem") || n.endsWith(".pub") || n.endsWith(".crt")) {
      return "application/x-pem-file";
    }
    if (n.endsWith(".gpg") || n.endsWith(".asc")) {
      return "application/pgp-keys";
    }
    if (n.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    Fault fault = log.next(method, path);
    if (fault != null && fault.kind() == Fault.Kind.CONNECTION_RESET) {
      log.add(Exchanges.recorded(exchange, 0));
      throw new Exchanges.Abort();
    }
    if (fault != null && fault.kind() == Fault.Kind.STATUS) {
      drain(exchange);
      if (fault.retryAfterSeconds() >= 0) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.retryAfterSeconds()));
      }
      text(exchange, method, fault.status(), "injected fault", null);
      return;
    }
    String name = path.startsWith(options.basePath()) ? path.substring(options.basePath().length()) : null;
    if (name == null || !KeyFiles.valid(name)) {
      drain(exchange);
      text(exchange, method, 404, "not found", fault);
      return;
    }
    switch (method) {
      case "GET", "HEAD" -> serve(exchange, method, name, fault);
      case "PUT" -> put(exchange, name, fault);
      default -> {
        drain(exchange);
        exchange.getResponseHeaders().set("Allow", options.acceptPut() ? "GET, HEAD, PUT" : "GET, HEAD");
        text(exchange, method, 405, "method not allowed", fault);
      }
    }
  }

  private void serve(HttpExchange exchange, String method, String name, Fault fault) throws IOException {
    Optional<byte[]> content = files.serve(name);
    if (content.isEmpty()) {
      text(exchange, method, 404, "not found", fault);
      return;
    }
    byte[] body = content.get();
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType(name));
    String cache = cacheControl;
    if (cache != null) {
      headers.set("Cache-Control", cache);
    }
    if (etags) {
      String tag = "\"" + sha256(body) + "\"";
      headers.set("ETag", tag);
      if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), tag)) {
        respond(exchange, method, 304, null, fault);
        return;
      }
    }
    respond(exchange, method, 200, body, fault);
  }

  private void put(HttpExchange exchange, String name, Fault fault) throws IOException {
    if (!options.acceptPut()) {
      drain(exchange);
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      text(exchange, "PUT", 405, "this key server does not accept PUT", fault);
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(options.maxPutBytes() + 1);
    }
    if (body.length > options.maxPutBytes()) {
      drain(exchange);
      text(exchange, "PUT", 413, "larger than " + options.maxPutBytes() + " bytes", fault);
      return;
    }
    boolean replaced = files.put(name, body);
    respond(exchange, "PUT", replaced ? 204 : 201, null, fault);
  }

  /** Whether an If-None-Match value (a list of tags, weak or strong, or "*") matches {@code tag}. */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(tag)) {
        return true;
      }
    }
    return false;
  }

  private void text(HttpExchange exchange, String method, int status, String message, Fault fault)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    respond(exchange, method, status, (message + "\n").getBytes(StandardCharsets.UTF_8), fault);
  }

  private void respond(HttpExchange exchange, String method, int status, byte[] body, Fault fault)
      throws IOException {
    log.add(Exchanges.recorded(exchange, status));
    if (body == null || method.equals("HEAD")) {
      if (body != null) {
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    Exchanges.send(exchange, status, body, fault);
  }

  private static void drain(HttpExchange exchange) {
    new Call(exchange, null).drain(Call.DRAIN_LIMIT);
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
