package dev.countersign.testing.servers.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.countersign.testing.servers.Fault;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's single HTTP handler: applies armed faults, authenticates, routes to the endpoints, logs the
 * request and sends the reply (damaged or throttled when a fault says so).
 */
public final class RegistryHandler implements HttpHandler {
  private static final Pattern ROUTE = Pattern.compile(
      "/v2/(.+)/(manifests|blobs/uploads|blobs|tags|referrers)(?:/([^/]*))?");
  private final Store store = new Store();
  private final RequestLog log = new RequestLog();
  private final Auth auth;
  private final ManifestEndpoint manifests;
  private final BlobEndpoint blobs;
  private final UploadEndpoint uploads;
  private final TagsEndpoint tags;
  private final ReferrersEndpoint referrers;

  public RegistryHandler(RegistryConfig config) {
    this.auth = new Auth(config);
    this.manifests = new ManifestEndpoint(store, config);
    this.blobs = new BlobEndpoint(store);
    this.uploads = new UploadEndpoint(store, config);
    this.tags = new TagsEndpoint(store);
    this.referrers = new ReferrersEndpoint(store, config);
  }

  /** Tells the token challenge where the server listens ({@code http://127.0.0.1:PORT}). */
  public void baseUrl(String url) {
    auth.baseUrl(url);
  }

  public RequestLog log() {
    return log;
  }

  /** Forgets all repositories, blobs, uploads, logged requests and armed faults. */
  public void reset() {
    synchronized (store) {
      store.clear();
    }
    log.clear();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    Fault fault = log.next(method, path);
    if (fault != null && fault.kind() == Fault.Kind.CONNECTION_RESET) {
      record(exchange, 0);
      throw new Exchanges.Abort();
    }
    Reply reply;
    if (fault != null && fault.kind() == Fault.Kind.STATUS) {
      new Call(exchange, null).drain(Call.DRAIN_LIMIT);
      reply = Reply.error(fault.status(), fault.status() == 429 ? "TOO_MANY_REQUESTS" : "UNKNOWN",
          "injected fault");
      if (fault.retryAfterSeconds() >= 0) {
        reply.header("Retry-After", Long.toString(fault.retryAfterSeconds()));
      }
    } else {
      reply = dispatch(exchange, method, path);
    }
    send(exchange, method, reply, fault);
  }

  private Reply dispatch(HttpExchange exchange, String method, String path) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    try {
      if (path.equals("/token")) {
        return auth.token(new Call(exchange, null), authorization);
      }
      if (path.equals("/v2/") || path.equals("/v2")) {
        Reply denied = auth.check(authorization, method, null);
        return denied != null ? denied : Reply.json(200, "{}");
      }
      Matcher m = ROUTE.matcher(path);
      if (!m.matches()) {
        return Reply.body(404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(
            java.nio.charset.StandardCharsets.UTF_8));
      }
      String name = m.group(1);
      Reply denied = auth.check(authorization, method, name);
      if (denied != null) {
        return denied;
      }
      Names.repository(name);
      Call call = new Call(exchange, name);
      String rest = m.group(3);
      switch (m.group(2)) {
        case "manifests" -> {
          return manifests.handle(call, required(rest));
        }
        case "blobs/uploads" -> {
          if (rest == null || rest.isEmpty()) {
            if (!method.equals("POST")) {
              throw Reply.fail(405, "UNSUPPORTED", "start an upload with POST");
            }
            return uploads.start(call);
          }
          return uploads.session(call, rest);
        }
        case "blobs" -> {
          return blobs.handle(call, required(rest));
        }
        case "tags" -> {
          if (!"list".equals(rest)) {
            throw Reply.fail(404, "UNSUPPORTED", "unknown tags endpoint");
          }
          return tags.handle(call);
        }
        default -> {
          return referrers.handle(call, required(rest));
        }
      }
    } catch (Reply.Failure f) {
      return f.reply;
    } catch (RuntimeException e) {
      return Reply.error(500, "UNKNOWN", "internal error: " + e.getClass().getSimpleName());
    }
  }

  private static String required(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw Reply.fail(404, "UNSUPPORTED", "a reference is required");
    }
    return reference;
  }

  private void send(HttpExchange exchange, String method, Reply reply, Fault fault) throws IOException {
    reply.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
    record(exchange, reply.status);
    byte[] body = reply.body;
    if (body == null || method.equals("HEAD") || reply.status == 204) {
      if (body != null && reply.status != 204) {
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      }
      exchange.sendResponseHeaders(reply.status, -1);
      exchange.close();
      return;
    }
    Exchanges.send(exchange, reply.status, body, fault);
  }

  private void record(HttpExchange exchange, int status) {
    log.add(Exchanges.recorded(exchange, status));
  }
}
