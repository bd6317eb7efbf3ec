package dev.countersign.oci.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny local ECR API endpoint (JDK HTTP server on 127.0.0.1) answering {@code GetAuthorizationToken} as ECR does
 * (AWS JSON 1.1): {@code POST /} with {@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken},
 * {@code Content-Type: application/x-amz-json-1.1} and a SigV4 {@code Authorization} header. Answers a token for
 * {@code AWS:<password>} or, on demand, an error shape ({@code {"__type":...,"message":...}}). Records each request
 * (signing region and service from the SigV4 credential scope, the requested registry ids) and anything a real ECR
 * would have refused.
 */
public final class FakeEcr implements AutoCloseable {
  public static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";
  private static final Pattern SCOPE = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=[^,]+, ?"
          + "Signature=[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake saw it. */
  public record Call(String accessKey, String region, String service, List<String> registryIds) {}

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
  private volatile String password = "ecr-password-1";
  private volatile Supplier<Instant> expiresAt = () -> Instant.now().plus(Duration.ofHours(12));
  private volatile String rawToken;
  private volatile String errorBody;
  private volatile int errorStatus;
  private volatile boolean noData;
  private volatile long delayMillis;

  private FakeEcr() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-ecr");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeEcr start() {
    try {
      return new FakeEcr();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}: the endpoint override for the SDK client. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The password in the next tokens (user {@code AWS}). */
  public FakeEcr password(String password) {
    this.password = password;
    return this;
  }

  /** The {@code expiresAt} of the next tokens. */
  public FakeEcr expiresAt(Supplier<Instant> expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  /** Answer this exact {@code authorizationToken} (null: encode {@code AWS:<password>}). */
  public FakeEcr rawToken(String token) {
    this.rawToken = token;
    return this;
  }

  /** Answer every request with this error until {@link #succeed()}. */
  public FakeEcr failWith(int status, String type, String message) {
    ObjectNode n = JSON.createObjectNode().put("__type", type).put("message", message);
    this.errorBody = n.toString();
    this.errorStatus = status;
    return this;
  }

  /** Answer with an empty {@code authorizationData} list. */
  public FakeEcr noAuthorizationData(boolean noData) {
    this.noData = noData;
    return this;
  }

  /** Wait this long before answering (to make concurrent callers overlap). */
  public FakeEcr delay(Duration delay) {
    this.delayMillis = delay.toMillis();
    return this;
  }

  public FakeEcr succeed() {
    this.errorBody = null;
    return this;
  }

  public int requests() {
    return requests.get();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** What a real ECR would have rejected (missing target, content type, signature...); should stay empty. */
  public List<String> protocolErrors() {
    return List.copyOf(protocolErrors);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      List<String> problems = new ArrayList<>();
      if (!"POST".equals(ex.getRequestMethod()) || !"/".equals(ex.getRequestURI().getPath())) {
        problems.add("request line " + ex.getRequestMethod() + " " + ex.getRequestURI());
      }
      if (!TARGET.equals(ex.getRequestHeaders().getFirst("X-Amz-Target"))) {
        problems.add("X-Amz-Target " + ex.getRequestHeaders().getFirst("X-Amz-Target"));
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.startsWith("application/x-amz-json-1.1")) {
        problems.add("Content-Type " + type);
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      Matcher m = auth == null ? null : SCOPE.matcher(auth);
      if (m == null || !m.matches()) {
        problems.add("no SigV4 Authorization header");
      }
      if (ex.getRequestHeaders().getFirst("X-Amz-Date") == null) {
        problems.add("no X-Amz-Date");
      }
      List<String> ids = new ArrayList<>();
      try {
        JSON.readTree(body).path("registryIds").forEach(n -> ids.add(n.asText()));
      } catch (IOException e) {
        problems.add("body is not JSON");
      }
      if (!problems.isEmpty()) {
        protocolErrors.addAll(problems);
        send(ex, 400, "{\"__type\":\"ValidationException\",\"message\":\"" + problems.get(0).replace('"', '\'')
            + "\"}");
        return;
      }
      calls.add(new Call(m.group(1), m.group(3), m.group(4), ids));
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      String error = errorBody;
      if (error != null) {
        send(ex, errorStatus, error);
        return;
      }
      ObjectNode resp = JSON.createObjectNode();
      var list = resp.putArray("authorizationData");
      if (!noData) {
        String token = rawToken != null ? rawToken : Base64.getEncoder().encodeToString(
            ("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        Instant exp = expiresAt.get();
        ObjectNode d = list.addObject().put("authorizationToken", token)
            .put("proxyEndpoint", "https://" + (ids.isEmpty() ? "000000000000" : ids.get(0))
                + ".dkr.ecr." + m.group(3) + ".amazonaws.com");
        if (exp != null) {
          d.put("expiresAt", exp.getEpochSecond() + exp.getNano() / 1e9);
        }
      }
      send(ex, 200, resp.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] out = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.getResponseHeaders().set("x-amzn-RequestId", "fake-" + System.nanoTime());
    ex.sendResponseHeaders(status, out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
