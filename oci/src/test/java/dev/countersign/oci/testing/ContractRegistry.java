package dev.countersign.oci.testing;

import dev.countersign.testing.servers.TestRegistry;
import java.util.function.Supplier;

/**
 * The registry a contract test runs against: the real docker-registry ({@link RegistryServer}) or the in-process
 * {@link TestRegistry}, with the behaviour in which they legitimately differ, so that a contract test states its
 * expectation per registry instead of silently diverging (see docs/testing.md).
 */
public final class ContractRegistry {
  private final String name;
  private final Supplier<String> host;
  private final boolean referrersApi;
  private final boolean pagesTags;

  private ContractRegistry(String name, Supplier<String> host, boolean referrersApi, boolean pagesTags) {
    this.name = name;
    this.host = host;
    this.referrersApi = referrersApi;
    this.pagesTags = pagesTags;
  }

  /** docker-registry (distribution 2.8): no referrers API, ignores {@code n} on tag lists. */
  public static ContractRegistry of(RegistryServer server) {
    return new ContractRegistry("docker-registry", server::host, false, false);
  }

  /** A TestRegistry: pages tag lists; offers the referrers API unless built with {@code referrersApi(false)}. */
  public static ContractRegistry of(TestRegistry registry) {
    return new ContractRegistry(registry.referrersApi() ? "TestRegistry" : "TestRegistry without referrers API",
        registry::host, registry.referrersApi(), true);
  }

  /** {@code 127.0.0.1:PORT}. */
  public String host() {
    return host.get();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://" + host();
  }

  /** Whether this is the real docker-registry (distribution 2.8.2). */
  public boolean isDockerRegistry() {
    return name.equals("docker-registry");
  }

  /** {@code dockerRegistry} against the real docker-registry, else {@code testRegistry}. */
  public <T> T expect(T dockerRegistry, T testRegistry) {
    return isDockerRegistry() ? dockerRegistry : testRegistry;
  }

  /** {@code 127.0.0.1:PORT/<repositoryAndTag>}. */
  public String reference(String repositoryAndTag) {
    return host() + "/" + repositoryAndTag;
  }

  /** Whether {@code GET /v2/<name>/referrers/<digest>} exists (else the client falls back to the tag schema). */
  public boolean referrersApi() {
    return referrersApi;
  }

  /** Whether {@code tags/list?n=} is honoured with {@code Link} pages. */
  public boolean pagesTags() {
    return pagesTags;
  }

  /** {@code withoutApi} on a registry without the referrers API, else {@code withApi}. */
  public long count(long withoutApi, long withApi) {
    return referrersApi ? withApi : withoutApi;
  }

  @Override
  public String toString() {
    return name;
  }
}
