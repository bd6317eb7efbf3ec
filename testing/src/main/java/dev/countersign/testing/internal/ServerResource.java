package dev.countersign.testing.internal;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A started test server held in a JUnit store for one test class: JUnit closes the store when the class ends (also
 * when it failed), which closes the server. {@link #beforeTest()} runs the per-test reset the extension was built
 * with; a server started at class level (for a {@code @BeforeAll} method) is first given {@code settle} instead, so
 * what the class set up before its first test becomes the state later tests start from.
 *
 * @param <T> the server type (TestRegistry, TestKms, TestKeyServer)
 */
public final class ServerResource<T extends AutoCloseable> implements AutoCloseable {
  private final T server;
  private final Consumer<T> settle;
  private final Consumer<T> reset;
  private boolean settled;

  /**
   * Holds {@code server}, already started. Before the first test {@code settle} runs, unless the server was started
   * inside a test ({@code startedInTest}); before every later test {@code reset}.
   */
  public ServerResource(T server, boolean startedInTest, Consumer<T> settle, Consumer<T> reset) {
    this.server = Objects.requireNonNull(server, "server");
    this.settle = Objects.requireNonNull(settle, "settle");
    this.reset = Objects.requireNonNull(reset, "reset");
    this.settled = startedInTest;
  }

  public T server() {
    return server;
  }

  /** Called before each test of the class. */
  public synchronized void beforeTest() {
    if (settled) {
      reset.accept(server);
    } else {
      settled = true;
      settle.accept(server);
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
