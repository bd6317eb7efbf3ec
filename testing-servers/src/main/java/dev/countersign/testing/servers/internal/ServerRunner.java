package dev.countersign.testing.servers.internal;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running part a test server shares: a {@link LoopbackHttp} server with daemon worker threads named after the
 * server, started and stopped on demand, and whether it was started for one test only (a JUnit extension on an
 * instance field) rather than for the class. Thread-safe.
 */
public final class ServerRunner {
  private final String what;
  private final AtomicInteger threads = new AtomicInteger();
  private HttpServer server;
  private ExecutorService executor;
  private boolean perTest;

  /** {@code what} names the server in thread names and errors, e.g. {@code test-registry}. */
  public ServerRunner(String what) {
    this.what = what;
  }

  /** Starts serving {@code handler} on 127.0.0.1; false (and nothing done) when already running. */
  public synchronized boolean start(HttpHandler handler) {
    if (server != null) {
      return false;
    }
    try {
      server = LoopbackHttp.create(64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, what + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    return true;
  }

  /** Starts for one test (JUnit {@code beforeEach}) unless already running for the class. */
  public synchronized void startForTest(HttpHandler handler) {
    if (start(handler)) {
      perTest = true;
    }
  }

  /** Stops the server when it was started for one test (JUnit {@code afterEach}); true when it stopped. */
  public synchronized boolean stopAfterTest() {
    if (!perTest) {
      return false;
    }
    perTest = false;
    stop();
    return true;
  }

  /** Stops listening and ends the worker threads; a no-op when stopped. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      executor = null;
    }
  }

  public synchronized boolean running() {
    return server != null;
  }

  /** The port listened on; fails when stopped. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the " + what + " is not started");
    }
    return server.getAddress().getPort();
  }
}
