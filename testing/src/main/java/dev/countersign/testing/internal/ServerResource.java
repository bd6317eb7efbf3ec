package dev.countersign.testing.internal;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A started test server held in a JUnit store for one test class: JUnit closes the store when the class ends (also
 * when it failed), which closes the server. {@link #reset()} runs the per-test reset the extension was built with.
 *
 * @param <T> the server type (TestRegistry, TestKms, TestKeyServer)
 */
public final class ServerResource<T extends AutoCloseable> implements AutoCloseable {
  private final T server;
  private final Consumer<T> reset;

  /** Holds {@code server}, already started; {@code reset} empties it between tests. */
  public ServerResource(T server, Consumer<T> reset) {
    this.server = Objects.requireNonNull(server, "server");
    this.reset = Objects.requireNonNull(reset, "reset");
  }

  public T server() {
    return server;
  }

  public void reset() {
    reset.accept(server);
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
