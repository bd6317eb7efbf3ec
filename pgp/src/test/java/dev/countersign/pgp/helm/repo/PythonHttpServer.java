package dev.countersign.pgp.helm.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code python3 -m http.server} on 127.0.0.1 and a free port over a directory: an independent static file
 * server for the chart repository tests. Fails (never skips) when python3 is missing.
 */
final class PythonHttpServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private PythonHttpServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static PythonHttpServer serve(Path dir) {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path log = Files.createTempFile("http-server", ".log");
      Process p = new ProcessBuilder("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
          "127.0.0.1", "--directory", dir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      PythonHttpServer server = new PythonHttpServer(p, port, log);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start python3 -m http.server", e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("python3 -m http.server exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/").toURL().openConnection();
        c.setConnectTimeout(300);
        c.getResponseCode();
        c.disconnect();
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("python3 -m http.server did not start: " + Files.readString(log));
  }

  /** {@code http://127.0.0.1:PORT} (no trailing slash). */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The server's access log so far (one line per request). */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // a temp log left behind is harmless
    }
  }
}
