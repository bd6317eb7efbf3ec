package dev.countersign.testing.servers;

import com.sun.net.httpserver.HttpServer;
import dev.countersign.testing.servers.internal.LoopbackHttp;
import dev.countersign.testing.servers.internal.kms.KmsEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process AWS KMS (and ECR GetAuthorizationToken) for tests: the AWS JSON 1.1 protocol on
 * {@code http://127.0.0.1:<free port>} with real keys (ECC P-256/384/521, RSA 2048-4096, AES-256 symmetric) and
 * real signatures, private keys that never leave it, AWS error shapes on demand and a request log. Point the real
 * AWS SDK at it with {@code endpointOverride(URI.create(kms.endpoint()))}, region {@link #region()} and any static
 * credentials (a SigV4 {@code Authorization} header is required but not checked):
 *
 * <pre>{@code
 * @RegisterExtension static final TestKms KMS = TestKms.start();
 * static final String KEY = KMS.createKey("ECC_NIST_P256");   // then "awskms:///" + KEY, or an alias
 * ... KMS.failNext("Sign", "ThrottlingException");  ... assertEquals(2, KMS.count("Sign"));
 * }</pre>
 *
 * <p>As a JUnit 5 extension on a static field it stops after the class; before each test it waits for requests
 * still being answered, drops unconsumed faults and clears the request log (keys and aliases stay). On an instance
 * field it stops after each test. Or use it as an {@link AutoCloseable}. Nothing is written to disk.
 */
public final class TestKms implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    AfterAllCallback {
  /** The account id in every ARN TestKms issues. */
  public static final String ACCOUNT_ID = "111122223333";
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final KmsEngine engine;
  private final HttpServer server;
  private final ExecutorService executor;
  private final String endpoint;
  private volatile boolean classScoped;
  private volatile boolean closed;

  private TestKms(String region) {
    engine = new KmsEngine(region, ACCOUNT_ID);
    try {
      server = LoopbackHttp.create(64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind TestKms to 127.0.0.1", e);
    }
    executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "test-kms-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", engine.handler());
    server.start();
    endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts a TestKms in region us-east-1. */
  public static TestKms start() {
    return start("us-east-1");
  }

  /** Starts a TestKms whose ARNs name {@code region} (e.g. "eu-west-1"). */
  public static TestKms start(String region) {
    Objects.requireNonNull(region, "region");
    if (!region.matches("[a-z0-9-]{1,50}")) {
      throw new IllegalArgumentException("not an AWS region name: " + region);
    }
    return new TestKms(region);
  }

  /** The endpoint to pass to {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return endpoint;
  }

  public String region() {
    return engine.region();
  }

  public String accountId() {
    return engine.accountId();
  }

  /**
   * Creates a key without going through HTTP (not logged) and returns its key id: {@code SIGN_VERIFY} for
   * {@code ECC_NIST_P256/P384/P521} and {@code RSA_2048/3072/4096}, {@code ENCRYPT_DECRYPT} for
   * {@code SYMMETRIC_DEFAULT}. Other specs fail with an IllegalArgumentException.
   */
  public String createKey(String keySpec) {
    return engine.createKey(keySpec);
  }

  /** Creates {@code aliasName} ("alias/...") for a key id or key ARN, without going through HTTP. */
  public TestKms createAlias(String aliasName, String keyId) {
    engine.createAlias(aliasName, keyId);
    return this;
  }

  /** Points an existing alias at another key (of the same usage); not logged. */
  public TestKms updateAlias(String aliasName, String keyId) {
    engine.updateAlias(aliasName, keyId);
    return this;
  }

  /** The key ARN for a key id, key ARN, alias name or alias ARN; IllegalArgumentException when there is none. */
  public String keyArn(String keyIdentifier) {
    return engine.keyArn(keyIdentifier);
  }

  /** The public key of an asymmetric key as PEM ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo). */
  public String publicKeyPem(String keyIdentifier) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(engine.publicKeyDer(keyIdentifier));
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** The public key of an asymmetric key, e.g. to verify signatures made through the SDK. */
  public PublicKey publicKey(String keyIdentifier) {
    byte[] der = engine.publicKeyDer(keyIdentifier);
    for (String algorithm : List.of("EC", "RSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalStateException("the JDK cannot read the public key of " + keyArn(keyIdentifier));
  }

  /** Every {@code n}-th request from now on (any operation) answers 400 ThrottlingException; 0 turns it off. */
  public TestKms throttleEvery(int n) {
    engine.throttleEvery(n);
    return this;
  }

  /** The next call of {@code operation} (e.g. "Sign") answers HTTP 400 with AWS error type {@code errorType}. */
  public TestKms failNext(String operation, String errorType) {
    return failNext(operation, errorType, 400);
  }

  /** The next call of {@code operation} answers {@code status} (4xx/5xx) with {@code errorType}; calls queue up. */
  public TestKms failNext(String operation, String errorType, int status) {
    engine.failNext(operation, errorType, status, "Injected by TestKms.failNext");
    return this;
  }

  /** The next call of {@code operation} is answered only after {@code delay}. */
  public TestKms delayNext(String operation, Duration delay) {
    engine.delayNext(operation, delay);
    return this;
  }

  /** The next GetPublicKey answers random bytes (of the right length) instead of the DER public key. */
  public TestKms garbagePublicKeyNext() {
    engine.garbagePublicKeyNext();
    return this;
  }

  /** Drops every injected fault not yet consumed and turns throttling off. */
  /**
   * Remembers the keys and aliases that exist now (with their state and tags) as the state {@link #reset()} returns
   * to; until called, that state is "no keys".
   */
  public TestKms baseline() {
    engine.baseline();
    return this;
  }

  /**
   * Back to the {@link #baseline()}: keys and aliases created since are forgotten, the baseline keys' state and tags
   * are put back; armed faults and the request log are cleared too. Requests still in flight are not waited for
   * (see {@link #awaitIdle}).
   */
  public TestKms reset() {
    engine.restoreBaseline();
    resetFaults();
    clearRequests();
    return this;
  }

  public TestKms resetFaults() {
    engine.resetFaults();
    return this;
  }

  /** Every request answered since the start or the last {@link #clearRequests()}, oldest first. */
  public List<KmsRequest> requests() {
    return List.copyOf(engine.log());
  }

  /** The requests of one operation, e.g. "Sign", retries and failures included. */
  public List<KmsRequest> requests(String operation) {
    List<KmsRequest> result = new ArrayList<>();
    for (KmsRequest r : engine.log()) {
      if (operation.equals(r.operation())) {
        result.add(r);
      }
    }
    return result;
  }

  /** How many HTTP requests of {@code operation} arrived, retries and failures included. */
  public int count(String operation) {
    return requests(operation).size();
  }

  public void clearRequests() {
    engine.log().clear();
  }

  /**
   * Waits until no request is being answered, e.g. one held by {@link #delayNext} after its client gave up, so
   * that it cannot land in a later test's log. Returns false if that takes longer than {@code timeout}.
   */
  public boolean awaitIdle(Duration timeout) {
    return engine.awaitIdle(timeout);
  }

  /** The password ECR GetAuthorizationToken hands out (the token is base64("AWS:" + password)). */
  public String ecrPassword() {
    return engine.ecrPassword();
  }

  /** The proxyEndpoint GetAuthorizationToken answers. */
  public String ecrProxyEndpoint() {
    return engine.ecrProxyEndpoint();
  }

  /** Sets the proxyEndpoint GetAuthorizationToken answers, e.g. a {@link TestRegistry}'s URL. */
  public TestKms ecrProxyEndpoint(String endpoint) {
    engine.ecrProxyEndpoint(endpoint);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    classScoped = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    awaitIdle(Duration.ofSeconds(10)); // a request delayed in the previous test must not land in this one
    resetFaults();
    clearRequests();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!classScoped) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Stops the server; idempotent. A closed TestKms cannot be restarted. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "TestKms[" + (closed ? "stopped" : endpoint) + ", " + region() + "]";
  }
}
