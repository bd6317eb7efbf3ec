package dev.countersign.testing.servers;

import com.sun.net.httpserver.HttpHandler;
import dev.countersign.testing.servers.internal.RequestLog;
import dev.countersign.testing.servers.internal.ServerRunner;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link TestRegistry} and {@link TestKeyServer} share: an HTTP server on 127.0.0.1 (ephemeral port), armed
 * {@link Fault}s, a request log, and the JUnit 5 extension lifecycle: on a static field it starts before the class
 * and stops after it; on an instance field it starts and stops around each test. Closing it (or {@link #reset()})
 * forgets run-time state. Only this package's servers extend it.
 *
 * @param <S> the server type, returned by the chaining methods
 */
public abstract class LoopbackTestServer<S extends LoopbackTestServer<S>> implements BeforeAllCallback,
    AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {
  private final ServerRunner runner;
  private final boolean resetBeforeEachTest;

  LoopbackTestServer(String name, boolean resetBeforeEachTest) {
    this.runner = new ServerRunner(name);
    this.resetBeforeEachTest = resetBeforeEachTest;
  }

  /** The server's request handler. */
  abstract HttpHandler handler();

  /** The server's faults and request log. */
  abstract RequestLog log();

  /** Runs once the server listens (e.g. to tell the handler its URL). */
  void started() {}

  /** Forgets run-time state: what tests stored, logged requests and armed faults; the server keeps running. */
  public abstract void reset();

  /** Starts listening; a no-op when running. */
  public final S start() {
    if (runner.start(handler())) {
      started();
    }
    return self();
  }

  /** Stops the server and forgets run-time state (see {@link #reset()}). */
  @Override
  public final void close() {
    runner.stop();
    reset();
  }

  /** The port listened on; fails when stopped. */
  final int port() {
    return runner.port();
  }

  final boolean running() {
    return runner.running();
  }

  /** Arms {@code fault} for the next {@link Fault#times()} requests it matches; faults apply in arming order. */
  public final S enqueue(Fault fault) {
    log().enqueue(Objects.requireNonNull(fault, "fault"));
    return self();
  }

  /** Armed fault applications not used yet. */
  public final int pendingFaults() {
    return log().pendingFaults();
  }

  /** Every request received since the start or the last {@link #reset()}, oldest first. */
  public final List<RecordedRequest> requests() {
    return log().requests();
  }

  public final int requestCount() {
    return log().count();
  }

  /** The oldest request not taken yet; fails when every logged request was taken. */
  public final RecordedRequest takeRequest() {
    return log().takeOrFail();
  }

  @Override
  public final void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public final void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public final void beforeEach(ExtensionContext context) {
    runner.startForTest(handler());
    if (resetBeforeEachTest) {
      reset();
    }
  }

  @Override
  public final void afterEach(ExtensionContext context) {
    if (runner.stopAfterTest()) {
      reset();
    }
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }
}
