package dev.countersign.kms.aws.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * An in-process AWS KMS (and ECR GetAuthorizationToken) for tests: the real AWS JSON 1.1 protocol on
 * {@code http://127.0.0.1:<free port>}, real keys and real signatures, private keys that never leave it, fault
 * injection and a request log. Use it with the real SDK ({@link #client()} or your own client with
 * {@code endpointOverride(URI.create(kms.endpoint()))}), directly as an {@link AutoCloseable}, or as a JUnit 5
 * extension: {@code @RegisterExtension static LocalKms KMS = LocalKms.start();} — then faults and the request
 * log are reset before each test (after requests still being answered finish; keys and aliases stay) and the
 * server stops after the class. Register it on a static field: an instance field would never be stopped.
 */
public final class LocalKms implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    /** The account id in every ARN LocalKms issues. */
    public static final String ACCOUNT_ID = "111122223333";

    private final KmsState state;
    private final Faults faults = new Faults();
    private final List<LoggedRequest> log = new CopyOnWriteArrayList<>();
    private final EcrOperations ecr;
    private final Map<String, Map<String, Operation>> operations = new HashMap<>();
    private final JsonRpcHandler handler;
    private final HttpServer server;
    private final ExecutorService executor;

    private LocalKms(String region) {
        state = new KmsState(region, ACCOUNT_ID);
        byte[] password = new byte[48];
        new SecureRandom().nextBytes(password);
        ecr = new EcrOperations(Base64.getEncoder().encodeToString(password),
                "https://" + ACCOUNT_ID + ".dkr.ecr." + region + ".amazonaws.com");
        Map<String, Operation> kms = new HashMap<>();
        new KeyOperations(state).register(kms);
        new AliasOperations(state).register(kms);
        new CryptoOperations(state, faults).register(kms);
        Map<String, Operation> ecrOps = new HashMap<>();
        ecr.register(ecrOps);
        operations.put("kms", Map.copyOf(kms));
        operations.put("ecr", Map.copyOf(ecrOps));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind LocalKms to 127.0.0.1", e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-kms");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        handler = new JsonRpcHandler(operations, faults, log);
        server.createContext("/", handler);
        server.start();
    }

    static {
        // The JDK server writes a response's head and body separately; with Nagle's algorithm on, the body waits
        // for the client's delayed ACK (~40 ms per call). Read once, when the server's config class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Starts a LocalKms in region us-east-1. */
    public static LocalKms start() {
        return start("us-east-1");
    }

    /** Starts a LocalKms whose ARNs name {@code region}. */
    public static LocalKms start(String region) {
        Objects.requireNonNull(region, "region");
        return new LocalKms(region);
    }

    /** The endpoint to pass to {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String region() {
        return state.region();
    }

    public String accountId() {
        return state.accountId();
    }

    /** A new SDK client for this server (url-connection HTTP client, test credentials); the caller closes it. */
    public KmsClient client() {
        return KmsClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * Creates a key without going through HTTP (not logged): SIGN_VERIFY for ECC and RSA specs, ENCRYPT_DECRYPT
     * for SYMMETRIC_DEFAULT. Returns the key id.
     */
    public String createKey(String keySpec) {
        LocalKeySpec spec = direct(() -> LocalKeySpec.parse(keySpec));
        return state.createKey(spec, spec.isSymmetric() ? "ENCRYPT_DECRYPT" : "SIGN_VERIFY", "", Map.of()).id();
    }

    /** Creates {@code aliasName} ("alias/...") for a key id or key ARN, without going through HTTP. */
    public void createAlias(String aliasName, String keyId) {
        direct(() -> {
            state.createAlias(aliasName, keyId);
            return null;
        });
    }

    /** Points an alias at another key, e.g. one of another key spec behind a caller's back; not logged. */
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

    /** The public key of an asymmetric key as PEM ("-----BEGIN PUBLIC KEY-----", SPKI). */
    public String publicKeyPem(String keyIdentifier) {
        LocalKey key = direct(() -> state.resolve(keyIdentifier, true));
        if (key.spec().isSymmetric()) {
            throw new IllegalArgumentException(key.arn() + " is symmetric and has no public key");
        }
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.keyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** Every {@code n}-th request from now on (any operation) answers 400 ThrottlingException; 0 turns it off. */
    public LocalKms throttleEvery(int n) {
        faults.throttleEvery(n);
        return this;
    }

    /** The next call of {@code operation} (e.g. "Sign") answers HTTP 400 with {@code errorType}. */
    public LocalKms failNext(String operation, String errorType) {
        return failNext(operation, errorType, 400);
    }

    /** The next call of {@code operation} answers {@code status} with {@code errorType} (e.g. 500 KMSInternalException). */
    public LocalKms failNext(String operation, String errorType, int status) {
        requireOperation(operation);
        Objects.requireNonNull(errorType, "errorType");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, got " + status);
        }
        faults.failNext(operation, new KmsError(errorType, status, "Injected by LocalKms.failNext"));
        return this;
    }

    /** The next call of {@code operation} is answered only after {@code delay}. */
    public LocalKms delayNext(String operation, Duration delay) {
        requireOperation(operation);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        faults.delayNext(operation, delay);
        return this;
    }

    /** The next GetPublicKey answers random bytes (of the right length) instead of the DER public key. */
    public LocalKms garbagePublicKeyNext() {
        faults.garbagePublicKeyNext();
        return this;
    }

    /** Drops every injected fault not yet consumed and turns throttling off. */
    public LocalKms resetFaults() {
        faults.reset();
        return this;
    }

    /** Every request answered so far (since the last {@link #clearRequests()}), in order. */
    public List<LoggedRequest> requests() {
        return List.copyOf(log);
    }

    /** The requests of one operation, e.g. "Sign", retries and failures included. */
    public List<LoggedRequest> requests(String operation) {
        List<LoggedRequest> result = new ArrayList<>();
        for (LoggedRequest r : log) {
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
        log.clear();
    }

    /**
     * Waits until no request is being answered, e.g. one held by {@link #delayNext} after its client gave up,
     * so that it cannot land in a later test's log. Returns false if that takes longer than {@code timeout}.
     */
    public boolean awaitIdle(Duration timeout) {
        try {
            return handler.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The password ECR GetAuthorizationToken hands out (the token is base64("AWS:" + password)). */
    public String ecrPassword() {
        return ecr.password();
    }

    public String ecrProxyEndpoint() {
        return ecr.proxyEndpoint();
    }

    /** Sets the proxyEndpoint GetAuthorizationToken answers, e.g. a local registry's URL. */
    public LocalKms ecrProxyEndpoint(String endpoint) {
        ecr.proxyEndpoint(Objects.requireNonNull(endpoint, "endpoint"));
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        awaitIdle(Duration.ofSeconds(10)); // a request delayed in the previous test must not land in this one
        resetFaults();
        clearRequests();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
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
        return "LocalKms[" + endpoint() + ", " + region() + "]";
    }

    private void requireOperation(String operation) {
        for (Map<String, Operation> ops : operations.values()) {
            if (ops.containsKey(operation)) {
                return;
            }
        }
        throw new IllegalArgumentException("LocalKms has no operation " + operation);
    }

    private static <T> T direct(Supplier<T> call) {
        try {
            return call.get();
        } catch (KmsError e) {
            throw new IllegalArgumentException(e.type() + ": " + e.getMessage(), e);
        }
    }
}
