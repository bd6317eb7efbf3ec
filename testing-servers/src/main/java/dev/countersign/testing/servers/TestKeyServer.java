package dev.countersign.testing.servers;

import com.sun.net.httpserver.HttpHandler;
import dev.countersign.testing.servers.internal.KeyFiles;
import dev.countersign.testing.servers.internal.KeyServerHandler;
import dev.countersign.testing.servers.internal.RequestLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Published keys, keyrings and {@code keys.json} manifests served over HTTP on 127.0.0.1 (ephemeral port) as a
 * CDN serves them: GET and HEAD, Content-Type by extension ({@code .json} application/json, {@code .pem}/{@code .pub}
 * application/x-pem-file, {@code .gpg}/{@code .asc} application/pgp-keys), a strong ETag with 304 for a matching
 * {@code If-None-Match}, an optional {@code Cache-Control}; optionally PUT as an origin. Files come from a directory
 * (read per request; symbolic links and paths outside it are never served) and/or memory. {@linkplain #enqueue
 * Faults} as in {@link TestRegistry}, {@linkplain #serveStale stale answers} of a lagging edge and a
 * {@linkplain #requests() request log}:
 *
 * <pre>{@code
 * @RegisterExtension static final TestKeyServer CDN = TestKeyServer.builder().directory(SITE).maxAge(
 *     Duration.ofMinutes(5)).basePath("/keys/").resetBeforeEachTest().build();
 * ... CDN.url("keys.json")  // "http://127.0.0.1:PORT/keys/keys.json"
 * }</pre>
 *
 * <p>As a JUnit 5 extension on a static field it starts before the class and stops after it; on an instance field
 * around each test. Or call {@link #start()} and {@link #close()} yourself.
 */
public final class TestKeyServer extends LoopbackTestServer<TestKeyServer> {
  private final KeyServerHandler handler;
  private final String basePath;

  private TestKeyServer(Builder b) {
    super("test-key-server", b.resetBeforeEachTest);
    this.basePath = b.basePath;
    this.handler = new KeyServerHandler(new KeyServerHandler.Options(b.basePath, b.cacheControl, b.etags,
        b.acceptPut, b.maxPutBytes), new KeyFiles(b.directory, b.files));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A server of the files in {@code directory} under "/", with ETags and no Cache-Control. */
  public static TestKeyServer serving(Path directory) {
    return builder().directory(directory).build();
  }

  /**
   * Back to the builder's files and headers; forgets files put since, header changes, stale answers, logged
   * requests and armed faults.
   */
  @Override
  public void reset() {
    handler.reset();
  }

  @Override
  HttpHandler handler() {
    return handler;
  }

  @Override
  RequestLog log() {
    return handler.log();
  }

  /** Sends this {@code Cache-Control} value from now on (null: none), as a CDN whose rules changed. */
  public TestKeyServer cacheControl(String value) {
    handler.cacheControl(Builder.headerValue(value));
    return this;
  }

  /** Turns ETags (and 304 answers to a matching If-None-Match) on or off from now on. */
  public TestKeyServer etags(boolean enabled) {
    handler.etags(enabled);
    return this;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:PORT/keys/} (always ending in "/"). */
  public String url() {
    return "http://127.0.0.1:" + port() + basePath;
  }

  /** The URL of file {@code name}, e.g. {@code url("keys.json")}. */
  public String url(String name) {
    return url() + requireName(name);
  }

  /** Publishes {@code content} as {@code name} (in memory; over a directory file of that name). */
  public TestKeyServer put(String name, byte[] content) {
    handler.files().put(requireName(name), Objects.requireNonNull(content, "content"));
    return this;
  }

  public TestKeyServer put(String name, String content) {
    return put(name, Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8));
  }

  /** Removes an in-memory file (from the builder, {@link #put} or HTTP PUT); true when there was one. */
  public boolean remove(String name) {
    return handler.files().remove(requireName(name));
  }

  /** What GET {@code name} would answer now, ignoring stale answers and faults; e.g. a file PUT by a client. */
  public Optional<byte[]> content(String name) {
    return handler.files().current(requireName(name));
  }

  /**
   * The next {@code times} GET or HEAD requests of {@code name} answer {@code olderContent} (with its own ETag),
   * as a CDN edge that has not seen the new version yet.
   */
  public TestKeyServer serveStale(String name, byte[] olderContent, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    handler.files().serveStale(requireName(name), Objects.requireNonNull(olderContent, "olderContent"), times);
    return this;
  }

  @Override
  public synchronized String toString() {
    return "TestKeyServer[" + (running() ? url() : "stopped") + "]";
  }

  private static String requireName(String name) {
    if (!KeyFiles.valid(name)) {
      throw new IllegalArgumentException("not a file name (relative, no '.' or '..' segments): " + name);
    }
    return name;
  }

  /** Options of a {@link TestKeyServer}. */
  public static final class Builder {
    private Path directory;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private String basePath = "/";
    private String cacheControl;
    private boolean etags = true;
    private boolean acceptPut;
    private int maxPutBytes = 16 << 20;
    private boolean resetBeforeEachTest;

    private Builder() {}

    /** Serves the regular files under {@code dir} (which must exist), read on every request. */
    public Builder directory(Path dir) {
      Objects.requireNonNull(dir, "dir");
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("not a directory: " + dir);
      }
      this.directory = dir;
      return this;
    }

    /** Serves {@code content} as {@code name} (e.g. "keys.json", "pgp/release.gpg"), before any directory file. */
    public Builder file(String name, byte[] content) {
      files.put(requireName(name), Objects.requireNonNull(content, "content").clone());
      return this;
    }

    public Builder file(String name, String content) {
      return file(name, Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8));
    }

    /** Serves files under this path (default "/"), e.g. "/keys/"; other paths answer 404. */
    public Builder basePath(String path) {
      Objects.requireNonNull(path, "path");
      String p = (path.startsWith("/") ? "" : "/") + path + (path.endsWith("/") ? "" : "/");
      if (!p.equals("/") && !KeyFiles.valid(p.substring(1, p.length() - 1))) {
        throw new IllegalArgumentException("not a base path: " + path);
      }
      this.basePath = p;
      return this;
    }

    /** Sends {@code Cache-Control: public, max-age=SECONDS} with every file. */
    public Builder maxAge(Duration maxAge) {
      if (Objects.requireNonNull(maxAge, "maxAge").isNegative()) {
        throw new IllegalArgumentException("maxAge must not be negative");
      }
      return cacheControl("public, max-age=" + maxAge.toSeconds());
    }

    /** Sends this {@code Cache-Control} value with every file (null: none, the default). */
    public Builder cacheControl(String value) {
      this.cacheControl = headerValue(value);
      return this;
    }

    static String headerValue(String value) {
      if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
        throw new IllegalArgumentException("not a header value: " + value);
      }
      return value;
    }

    /** Whether to send ETags and answer a matching If-None-Match with 304 (default true). */
    public Builder etags(boolean enabled) {
      this.etags = enabled;
      return this;
    }

    /** Accepts PUT of files up to {@code maxBytes} (201 new, 204 replaced), kept in memory, as an origin. */
    public Builder acceptPut(int maxBytes) {
      if (maxBytes < 0 || maxBytes > 1 << 30) {
        throw new IllegalArgumentException("maxBytes must be 0 to 1 GiB, got " + maxBytes);
      }
      this.acceptPut = true;
      this.maxPutBytes = maxBytes;
      return this;
    }

    /** Accepts PUT of files up to 16 MiB. */
    public Builder acceptPut() {
      return acceptPut(16 << 20);
    }

    /** Resets (see {@link TestKeyServer#reset()}) before each test when used as an extension. */
    public Builder resetBeforeEachTest() {
      this.resetBeforeEachTest = true;
      return this;
    }

    public TestKeyServer build() {
      return new TestKeyServer(this);
    }
  }
}
