package dev.countersign.testing.servers;

import com.sun.net.httpserver.HttpHandler;
import dev.countersign.testing.servers.internal.RegistryConfig;
import dev.countersign.testing.servers.internal.RegistryHandler;
import dev.countersign.testing.servers.internal.RequestLog;

/**
 * An in-memory OCI Distribution Spec v1.1 registry over HTTP on 127.0.0.1 (ephemeral port): manifests of the four
 * media types by tag and digest, blobs (monolithic, chunked and mounted uploads, ranges), paged tag lists, deletes
 * and the referrers API; optional Basic or Bearer authentication; {@linkplain #enqueue faults} and a
 * {@linkplain #requests() request log}. As a JUnit 5 extension it starts before the class and stops after it:
 *
 * <pre>{@code
 * @RegisterExtension static final TestRegistry REGISTRY = TestRegistry.builder().resetBeforeEachTest().build();
 * ... REGISTRY.reference("app:v1")  // "127.0.0.1:PORT/app:v1"
 * }</pre>
 *
 * <p>Registered on an instance field it starts before and stops after each test. Or call {@link #start()} and
 * {@link #close()} yourself. Nothing is written to disk.
 */
public final class TestRegistry extends LoopbackTestServer<TestRegistry> {
  private final RegistryConfig config;
  private final RegistryHandler handler;

  private TestRegistry(Builder b) {
    super("test-registry", b.resetBeforeEachTest);
    this.config = new RegistryConfig(b.user, b.password, b.bearer, b.maxManifestBytes, b.maxBlobBytes,
        b.referrersApi);
    this.handler = new RegistryHandler(config);
  }

  /** An anonymous registry with the referrers API and default limits. */
  public static TestRegistry anonymous() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Forgets all repositories, blobs, uploads, logged requests and armed faults; the server keeps running. */
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

  @Override
  void started() {
    handler.baseUrl(url());
  }

  /** {@code 127.0.0.1:PORT}, the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://" + host();
  }

  /** {@code 127.0.0.1:PORT/<repositoryAndReference>}. */
  public String reference(String repositoryAndReference) {
    return host() + "/" + repositoryAndReference;
  }

  /** Whether the referrers API is offered (see {@link Builder#referrersApi}). */
  public boolean referrersApi() {
    return config.referrersApi();
  }

  @Override
  public String toString() {
    return "TestRegistry[" + (running() ? url() : "stopped") + ", " + config + "]";
  }

  /** Options of a {@link TestRegistry}. */
  public static final class Builder {
    private String user;
    private String password;
    private boolean bearer;
    private long maxManifestBytes = 4L << 20;
    private long maxBlobBytes = 1L << 30;
    private boolean referrersApi = true;
    private boolean resetBeforeEachTest;

    private Builder() {}

    /** Requires HTTP Basic authentication with this user and password. */
    public Builder basicAuth(String user, String password) {
      this.user = requireText(user, "user");
      this.password = requireText(password, "password");
      this.bearer = false;
      return this;
    }

    /** Requires Bearer tokens from {@code <url>/token}, which hands them out to anyone. */
    public Builder bearerAuth() {
      this.user = null;
      this.password = null;
      this.bearer = true;
      return this;
    }

    /** Requires Bearer tokens from {@code <url>/token}, which wants this user and password (Basic). */
    public Builder bearerAuth(String user, String password) {
      basicAuth(user, password);
      this.bearer = true;
      return this;
    }

    /** Manifests above this size are refused with 400 MANIFEST_INVALID (default 4 MiB; both as distribution). */
    public Builder maxManifestBytes(long bytes) {
      this.maxManifestBytes = bytes;
      return this;
    }

    /** Blobs above this size are refused with 413 (default 1 GiB; they are held in memory). */
    public Builder maxBlobBytes(long bytes) {
      this.maxBlobBytes = bytes;
      return this;
    }

    /** Whether the referrers API is offered (default true); without it the registry answers 404 as distribution 2.8. */
    public Builder referrersApi(boolean enabled) {
      this.referrersApi = enabled;
      return this;
    }

    /** Clears all state before each test when used as an extension. */
    public Builder resetBeforeEachTest() {
      this.resetBeforeEachTest = true;
      return this;
    }

    public TestRegistry build() {
      try {
        return new TestRegistry(this);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid TestRegistry options: " + e.getMessage(), e);
      }
    }

    private static String requireText(String s, String what) {
      if (s == null || s.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return s;
    }
  }
}
