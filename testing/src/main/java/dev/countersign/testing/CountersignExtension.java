package dev.countersign.testing;

import dev.countersign.oci.OciLayout;
import dev.countersign.testing.internal.ServerResource;
import dev.countersign.testing.internal.TempLayout;
import dev.countersign.testing.servers.TestKeyServer;
import dev.countersign.testing.servers.TestKms;
import dev.countersign.testing.servers.TestRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension of the test kit. It injects parameters of these types into test methods, lifecycle methods
 * and constructors:
 *
 * <ul>
 *   <li>{@link TestKey}: a per-JVM shared key, ECDSA P-256 unless annotated {@link Algorithm @Algorithm};
 *   <li>{@link TestPgpKey}: the shared OpenPGP Ed25519 key;
 *   <li>{@link OciLayout}: an empty layout in a temporary directory, one per test (shared by its
 *       {@code @BeforeEach} methods), deleted after the test whatever its outcome;
 *   <li>{@link TestRegistry}: started on first use for the test class, emptied before each test (unless
 *       {@link Builder#keepRegistryStateBetweenTests()}), stopped after the class; a {@code @Nested} class uses
 *       the one its enclosing class started;
 *   <li>{@link TestKms}: a local AWS KMS, started on first use for the test class; before each test it waits for
 *       requests in flight and {@link TestKms#reset() resets} it to the keys and aliases it had when the class's
 *       first test began (made by the factory or a {@code @BeforeAll} method; later keys, alias moves and state
 *       changes undone; faults and request log cleared) unless {@link Builder#keepKmsStateBetweenTests()};
 *       stopped after the class;
 *   <li>{@link TestKeyServer}: a key server (empty unless its factory gives it files), started on first use for
 *       the test class; {@linkplain TestKeyServer#reset() reset} before each test (put files, header changes,
 *       faults and the request log forgotten) unless {@link Builder#keepKeyServerStateBetweenTests()}; stopped
 *       after the class.
 * </ul>
 *
 * <p>Servers and directories live in JUnit's extension store, which closes them when their test or class ends,
 * also when it failed. Register with {@link Countersign @Countersign}, or to configure:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CountersignExtension KIT = CountersignExtension.builder()
 *     .registry(() -> TestRegistry.builder().bearerAuth().build()).build();
 * }</pre>
 */
public final class CountersignExtension implements ParameterResolver, BeforeEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CountersignExtension.class);
  private static final Set<Class<?>> TYPES = Set.of(TestKey.class, TestPgpKey.class, OciLayout.class,
      TestRegistry.class, TestKms.class, TestKeyServer.class);
  private static final Duration KMS_IDLE_WAIT = Duration.ofSeconds(10);

  private final Supplier<TestRegistry> registryFactory;
  private final Supplier<TestKms> kmsFactory;
  private final Supplier<TestKeyServer> keyServerFactory;
  private final boolean resetRegistry;
  private final boolean resetKms;
  private final boolean resetKeyServer;

  /** The defaults, as {@link Countersign @Countersign} registers it: an anonymous registry, reset per test. */
  public CountersignExtension() {
    this(builder());
  }

  private CountersignExtension(Builder b) {
    this.registryFactory = b.registryFactory;
    this.kmsFactory = b.kmsFactory;
    this.keyServerFactory = b.keyServerFactory;
    this.resetRegistry = b.resetRegistry;
    this.resetKms = b.resetKms;
    this.resetKeyServer = b.resetKeyServer;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TYPES.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == TestKey.class) {
      Algorithm a = parameter.findAnnotation(Algorithm.class).orElse(null);
      KeyKind kind = a == null ? KeyKind.ECDSA_P256 : a.value();
      return a != null && a.fresh() ? TestKeys.fresh(kind) : TestKeys.shared(kind);
    }
    if (type == TestPgpKey.class) {
      return TestKeys.pgp();
    }
    if (type == OciLayout.class) {
      return context.getStore(NAMESPACE).getOrComputeIfAbsent(TempLayout.class, k -> TempLayout.create(),
          TempLayout.class).layout();
    }
    if (type == TestKms.class) {
      return server(context, TestKms.class, () -> made(kmsFactory, "kms").baseline(),
          CountersignExtension::settleKms, CountersignExtension::resetKms);
    }
    if (type == TestKeyServer.class) {
      return server(context, TestKeyServer.class, () -> made(keyServerFactory, "keyServer").start(),
          TestKeyServer::reset, TestKeyServer::reset);
    }
    return server(context, TestRegistry.class, () -> made(registryFactory, "registry").start(),
        TestRegistry::reset, TestRegistry::reset);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ExtensionContext.Store store = classContext(context).getStore(NAMESPACE);
    resetIfStarted(resetRegistry, store, TestRegistry.class);
    resetIfStarted(resetKms, store, TestKms.class);
    resetIfStarted(resetKeyServer, store, TestKeyServer.class);
  }

  private static void resetIfStarted(boolean enabled, ExtensionContext.Store store, Class<?> type) {
    ServerResource<?> r = enabled ? store.get(type, ServerResource.class) : null;
    if (r != null) {
      r.beforeTest();
    }
  }

  /**
   * The class's server of {@code type}, started by {@code factory} on first use (in a test, or at class level for a
   * {@code @BeforeAll} method); the store closes it. Before the class's first test {@code settle} runs, before the
   * others {@code reset}.
   */
  private static <T extends AutoCloseable> T server(ExtensionContext context, Class<T> type, Supplier<T> factory,
      Consumer<T> settle, Consumer<T> reset) {
    boolean inTest = context.getTestMethod().isPresent();
    ServerResource<?> r = classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(type,
        k -> new ServerResource<>(factory.get(), inTest, settle, reset), ServerResource.class);
    return type.cast(r.server());
  }

  private static <T> T made(Supplier<T> factory, String name) {
    return Objects.requireNonNull(factory.get(), () -> "the " + name + " factory returned null");
  }

  /** Before the first test: what the factory and any {@code @BeforeAll} method made becomes the baseline. */
  private static void settleKms(TestKms kms) {
    kms.awaitIdle(KMS_IDLE_WAIT);
    kms.baseline().resetFaults().clearRequests();
  }

  /** Before every later test: back to the baseline. */
  private static void resetKms(TestKms kms) {
    kms.awaitIdle(KMS_IDLE_WAIT); // a request delayed in the previous test must not land in this one's log
    kms.reset();
  }

  /** The context of the innermost test class: servers live as long as it. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /** Options of a {@link CountersignExtension}. */
  public static final class Builder {
    private Supplier<TestRegistry> registryFactory = TestRegistry::anonymous;
    private Supplier<TestKms> kmsFactory = TestKms::start;
    private Supplier<TestKeyServer> keyServerFactory = () -> TestKeyServer.builder().build();
    private boolean resetRegistry = true;
    private boolean resetKms = true;
    private boolean resetKeyServer = true;

    private Builder() {}

    /** Makes the per-class registry, e.g. with authentication or faults (default {@link TestRegistry#anonymous()}). */
    public Builder registry(Supplier<TestRegistry> factory) {
      this.registryFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Keeps the registry's repositories between the tests of a class (default: emptied before each test). */
    public Builder keepRegistryStateBetweenTests() {
      this.resetRegistry = false;
      return this;
    }

    /**
     * Makes the per-class KMS (default {@link TestKms#start()}, region us-east-1), e.g. {@code () ->
     * TestKms.start("eu-west-1")}; the factory runs on first use and may create keys and aliases.
     */
    public Builder kms(Supplier<TestKms> factory) {
      this.kmsFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Keeps the KMS's armed faults and request log between the tests of a class (default: dropped, cleared). */
    public Builder keepKmsStateBetweenTests() {
      this.resetKms = false;
      return this;
    }

    /**
     * Makes the per-class key server (default: an empty one under "/"), e.g. {@code () ->
     * TestKeyServer.builder().directory(site).maxAge(Duration.ofMinutes(5)).build()}; started on first use.
     */
    public Builder keyServer(Supplier<TestKeyServer> factory) {
      this.keyServerFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Keeps files put on the key server, its faults and its request log between tests (default: reset). */
    public Builder keepKeyServerStateBetweenTests() {
      this.resetKeyServer = false;
      return this;
    }

    public CountersignExtension build() {
      return new CountersignExtension(this);
    }
  }
}
