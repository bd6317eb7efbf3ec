package dev.countersign.oci.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Debian {@code docker-registry} (distribution 2.8) on 127.0.0.1 with a free port and a temporary storage
 * directory, deletes enabled, optionally behind htpasswd Basic auth. Use it as a class-level extension:
 *
 * <pre>{@code
 * @RegisterExtension static final RegistryServer REGISTRY = RegistryServer.anonymous();
 * ... REGISTRY.host()  // "127.0.0.1:PORT"
 * }</pre>
 *
 * or start/close it yourself ({@link #start()}, {@link #close()}). Fails (never skips) when docker-registry is
 * missing: run {@code oci/src/test/peers/install.sh}.
 */
public final class RegistryServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private static final String BINARY = "/usr/bin/docker-registry";
  private final String username;
  private final String password;
  private Process process;
  private Path dir;
  private int port;

  private RegistryServer(String username, String password) {
    this.username = username;
    this.password = password;
  }

  /** A registry without authentication. */
  public static RegistryServer anonymous() {
    return new RegistryServer(null, null);
  }

  /** A registry requiring HTTP Basic authentication with this user and password (htpasswd, bcrypt). */
  public static RegistryServer withBasicAuth(String username, String password) {
    return new RegistryServer(username, password);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the registry and waits until {@code /v2/} answers; a no-op when running. */
  public synchronized RegistryServer start() {
    if (process != null) {
      return this;
    }
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IllegalStateException(BINARY + " is missing: run oci/src/test/peers/install.sh");
    }
    try {
      dir = Files.createTempDirectory("registry-server");
      Files.createDirectories(dir.resolve("storage"));
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        port = freePort();
        Path config = writeConfig();
        process = new ProcessBuilder(BINARY, "serve", config.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
          awaitReady(Duration.ofSeconds(30));
          return this;
        } catch (IllegalStateException e) {
          last = e;
          stopProcess();
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start docker-registry", e);
    }
  }

  private Path writeConfig() throws IOException {
    StringBuilder yml = new StringBuilder()
        .append("version: 0.1\n")
        .append("log:\n  level: error\n  accesslog:\n    disabled: true\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("storage")).append('\n')
        .append("  delete:\n    enabled: true\n")
        .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
    if (username != null) {
      Path htpasswd = dir.resolve("htpasswd");
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      String hash = OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 5);
      Files.writeString(htpasswd, username + ":" + hash + "\n", StandardCharsets.UTF_8);
      yml.append("auth:\n  htpasswd:\n    realm: countersign-test\n    path: ").append(htpasswd).append('\n');
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(config, yml.toString(), StandardCharsets.UTF_8);
    return config;
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + log());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/v2/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        int code = c.getResponseCode();
        c.disconnect();
        if (code == 200 || code == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("docker-registry did not answer on " + url() + " within " + timeout + ": " + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:PORT}: the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://" + host();
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:PORT/<repositoryAndTag>}. */
  public String reference(String repositoryAndTag) {
    return host() + "/" + repositoryAndTag;
  }

  /** The Basic auth user, or null. */
  public String username() {
    return username;
  }

  /** The Basic auth password, or null. */
  public String password() {
    return password;
  }

  /** The registry's storage root. */
  public Path storage() {
    return dir.resolve("storage");
  }

  /** Stops the registry (its whole process tree) and deletes its storage. */
  @Override
  public synchronized void close() {
    stopProcess();
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory left behind is harmless
      }
      dir = null;
    }
  }

  private void stopProcess() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }
}
