package dev.countersign.testing;

import dev.countersign.oci.OciLayout;
import dev.countersign.testing.internal.RegistryResource;
import dev.countersign.testing.internal.TempLayout;
import dev.countersign.testing.servers.TestRegistry;
import java.util.Objects;
import java.util.Set;
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
 *       the one its enclosing class started.
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
  private static final Set<Class<?>> TYPES =
      Set.of(TestKey.class, TestPgpKey.class, OciLayout.class, TestRegistry.class);

  private final Supplier<TestRegistry> registryFactory;
  private final boolean resetRegistry;

  /** The defaults, as {@link Countersign @Countersign} registers it: an anonymous registry, reset per test. */
  public CountersignExtension() {
    this(builder());
  }

  private CountersignExtension(Builder b) {
    this.registryFactory = b.registryFactory;
    this.resetRegistry = b.resetRegistry;
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
    return registry(classContext(context));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!resetRegistry) {
      return;
    }
    RegistryResource r = classContext(context).getStore(NAMESPACE).get(RegistryResource.class,
        RegistryResource.class);
    if (r != null) {
      r.registry().reset();
    }
  }

  private TestRegistry registry(ExtensionContext classContext) {
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(RegistryResource.class,
        k -> new RegistryResource(Objects.requireNonNull(registryFactory.get(), "registry factory returned null")),
        RegistryResource.class).registry();
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
    private boolean resetRegistry = true;

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

    public CountersignExtension build() {
      return new CountersignExtension(this);
    }
  }
}
