package dev.countersign.testing.servers.internal.kms;

import com.sun.net.httpserver.HttpHandler;
import dev.countersign.testing.servers.KmsRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Everything of one TestKms except its HTTP server: keys and aliases, the operations of KMS and ECR, injected
 * faults, the request log and the JSON 1.1 handler. Direct calls (not over HTTP) are not logged and turn AWS errors
 * into {@link IllegalArgumentException}s naming the AWS error type.
 */
public final class KmsEngine {
  private final KmsState state;
  private final Faults faults = new Faults();
  private final List<KmsRequest> log = new CopyOnWriteArrayList<>();
  private final EcrOperations ecr;
  private final Map<String, Map<String, Operation>> operations = new HashMap<>();
  private final JsonRpcHandler handler;

  public KmsEngine(String region, String accountId) {
    state = new KmsState(region, accountId);
    byte[] password = new byte[48];
    new SecureRandom().nextBytes(password);
    ecr = new EcrOperations(Base64.getEncoder().encodeToString(password),
        "https://" + accountId + ".dkr.ecr." + region + ".amazonaws.com");
    Map<String, Operation> kms = new HashMap<>();
    new KeyOperations(state).register(kms);
    new AliasOperations(state).register(kms);
    new CryptoOperations(state, faults).register(kms);
    Map<String, Operation> ecrOps = new HashMap<>();
    ecr.register(ecrOps);
    operations.put("kms", Map.copyOf(kms));
    operations.put("ecr", Map.copyOf(ecrOps));
    handler = new JsonRpcHandler(operations, faults, log);
  }

  /** The AWS JSON 1.1 handler, for {@code POST /}. */
  public HttpHandler handler() {
    return handler;
  }

  public String region() {
    return state.region();
  }

  public String accountId() {
    return state.accountId();
  }

  /** Creates a SIGN_VERIFY (ECC, RSA) or ENCRYPT_DECRYPT (SYMMETRIC_DEFAULT) key; returns its id. */
  public String createKey(String keySpec) {
    Objects.requireNonNull(keySpec, "keySpec");
    LocalKeySpec spec = direct(() -> LocalKeySpec.parse(keySpec));
    return state.createKey(spec, spec.isSymmetric() ? "ENCRYPT_DECRYPT" : "SIGN_VERIFY", "", Map.of()).id();
  }

  public void createAlias(String aliasName, String keyId) {
    direct(() -> {
      state.createAlias(aliasName, keyId);
      return null;
    });
  }

  public void updateAlias(String aliasName, String keyId) {
    direct(() -> {
      state.updateAlias(aliasName, keyId);
      return null;
    });
  }

  /** The key ARN for a key id, key ARN, alias name or alias ARN. */
  public String keyArn(String keyIdentifier) {
    return direct(() -> state.resolve(keyIdentifier, true)).arn();
  }

  /** The DER SubjectPublicKeyInfo of an asymmetric key. */
  public byte[] publicKeyDer(String keyIdentifier) {
    LocalKey key = direct(() -> state.resolve(keyIdentifier, true));
    if (key.spec().isSymmetric()) {
      throw new IllegalArgumentException(key.arn() + " is symmetric and has no public key");
    }
    return key.keyPair().getPublic().getEncoded();
  }

  public void throttleEvery(int n) {
    faults.throttleEvery(n);
  }

  public void failNext(String operation, String errorType, int status, String message) {
    requireOperation(operation);
    Objects.requireNonNull(errorType, "errorType");
    if (errorType.isEmpty()) {
      throw new IllegalArgumentException("errorType must not be empty");
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx, got " + status);
    }
    faults.failNext(operation, new KmsError(errorType, status, message));
  }

  public void delayNext(String operation, Duration delay) {
    requireOperation(operation);
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    faults.delayNext(operation, delay);
  }

  public void garbagePublicKeyNext() {
    faults.garbagePublicKeyNext();
  }

  /** See {@link KmsState#baseline()}. */
  public void baseline() {
    state.baseline();
  }

  /** See {@link KmsState#restore()}. */
  public void restoreBaseline() {
    state.restore();
  }

  public void resetFaults() {
    faults.reset();
  }

  /** The live request log (thread-safe). */
  public List<KmsRequest> log() {
    return log;
  }

  /** Waits until no request is being answered; false after {@code timeout}. */
  public boolean awaitIdle(Duration timeout) {
    try {
      return handler.awaitIdle(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String ecrPassword() {
    return ecr.password();
  }

  public String ecrProxyEndpoint() {
    return ecr.proxyEndpoint();
  }

  public void ecrProxyEndpoint(String endpoint) {
    ecr.proxyEndpoint(Objects.requireNonNull(endpoint, "endpoint"));
  }

  /** Whether KMS or ECR has an operation of this name (e.g. "Sign"). */
  public boolean hasOperation(String operation) {
    for (Map<String, Operation> ops : operations.values()) {
      if (ops.containsKey(operation)) {
        return true;
      }
    }
    return false;
  }

  private void requireOperation(String operation) {
    if (operation == null || !hasOperation(operation)) {
      throw new IllegalArgumentException("TestKms has no operation " + operation);
    }
  }

  private static <T> T direct(Supplier<T> call) {
    try {
      return call.get();
    } catch (KmsError e) {
      throw new IllegalArgumentException(e.type() + ": " + e.getMessage(), e);
    }
  }
}
