package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.countersign.testing.servers.KmsRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS JSON 1.1 wire protocol: {@code POST /} with {@code X-Amz-Target: <Service>.<Operation>}, a SigV4
 * Authorization header (present, not checked) and a JSON body; answers JSON, or HTTP 4xx/5xx with
 * {@code {"__type": ..., "message": ...}} and the {@code x-amzn-ErrorType} header. Applies injected faults and
 * logs every request.
 */
final class JsonRpcHandler implements HttpHandler {
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final Map<String, String> SERVICES =
      Map.of("TrentService", "kms", "AmazonEC2ContainerRegistry_V20150921", "ecr");

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Map<String, Operation>> operations;
  private final Faults faults;
  private final List<KmsRequest> log;
  private final Object idle = new Object();
  private int inFlight;

  JsonRpcHandler(Map<String, Map<String, Operation>> operations, Faults faults, List<KmsRequest> log) {
    this.operations = operations;
    this.faults = faults;
    this.log = log;
  }

  /** Waits until no request is being answered (e.g. one held by delayNext); false on timeout. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    synchronized (idle) {
      inFlight++;
    }
    try {
      byte[] request = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String service = null;
      String operation = null;
      if (target != null && target.indexOf('.') > 0) {
        service = SERVICES.get(target.substring(0, target.indexOf('.')));
        operation = target.substring(target.indexOf('.') + 1);
      }
      int status = 200;
      String errorType = null;
      byte[] response;
      try {
        Operation handler = checkRequest(exchange, service, operation);
        sleep(faults.takeDelay(operation));
        KmsError injected = faults.takeFailure(operation);
        if (injected != null) {
          throw injected;
        }
        response = mapper.writeValueAsBytes(handler.handle(parse(request)));
      } catch (KmsError e) {
        status = e.status();
        errorType = e.type();
        response = error(e.type(), e.getMessage());
      } catch (RuntimeException e) {
        e.printStackTrace(); // a TestKms bug: show it in the test output
        status = 500;
        errorType = "KMSInternalException";
        response = error(errorType, "TestKms failed: " + e);
      }
      log.add(new KmsRequest(service, operation == null || service == null ? null : operation,
          request.length, headerBytes(exchange), response.length, status, errorType));
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", CONTENT_TYPE);
      headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
      if (errorType != null) {
        headers.set("x-amzn-ErrorType", errorType);
      }
      exchange.sendResponseHeaders(status, response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    } finally {
      exchange.close();
      synchronized (idle) {
        inFlight--;
        idle.notifyAll();
      }
    }
  }

  private Operation checkRequest(HttpExchange exchange, String service, String operation) {
    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
      throw new KmsError("UnknownOperationException", 404, "AWS JSON 1.1 takes POST /");
    }
    Map<String, Operation> ops = service == null ? null : operations.get(service);
    Operation handler = ops == null ? null : ops.get(operation);
    if (handler == null) {
      throw new KmsError("UnknownOperationException", 400, "Unknown X-Amz-Target");
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
      throw new KmsError("MissingAuthenticationTokenException", 400, "Missing Authentication Token");
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
      throw new KmsError("SerializationException", 400, "Content-Type must be " + CONTENT_TYPE);
    }
    return handler;
  }

  private JsonNode parse(byte[] request) {
    if (request.length == 0) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(request);
      if (node == null || !node.isObject()) {
        throw new KmsError("SerializationException", 400, "The request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new KmsError("SerializationException", 400, "The request body is not valid JSON");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] error(String type, String message) {
    ObjectNode body = mapper.createObjectNode();
    body.put("__type", type);
    if (message != null) {
      body.put("message", message);
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int headerBytes(HttpExchange exchange) {
    int bytes = exchange.getRequestMethod().length() + exchange.getRequestURI().toString().length()
        + exchange.getProtocol().length() + 4;
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      for (String value : header.getValue()) {
        bytes += header.getKey().length() + 2 + value.getBytes(StandardCharsets.UTF_8).length + 2;
      }
    }
    return bytes + 2;
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
