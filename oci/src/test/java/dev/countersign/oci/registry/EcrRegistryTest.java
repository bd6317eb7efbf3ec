package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.EcrCredentials;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.FakeEcr;
import dev.countersign.oci.testing.MutableClock;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.oci.testing.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * End to end: the real docker-registry behind Basic auth for user {@code AWS} with an ECR-style password, reached
 * through {@code Registry} with {@link EcrCredentials} (real AWS SDK client, local fake ECR API), the registry's
 * 127.0.0.1 host mapped to an ECR account and region with {@code registryAlias}.
 */
class EcrRegistryTest {
  private static final String PASSWORD = "eyJwYXlsb2FkIjoiZWNyLXRva2VuIn0-ecr-like-password";
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.withBasicAuth("AWS", PASSWORD);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private FakeEcr ecr;
  private EcrCredentials provider;

  @BeforeEach
  void start() {
    ecr = FakeEcr.start().password(PASSWORD).expiresAt(() -> clock.instant().plus(Duration.ofHours(12)));
    provider = EcrCredentials.builder()
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .endpointOverride(ecr.endpoint())
        .registryAlias(SERVER.host(), "123456789012", "us-east-1")
        .clock(clock)
        .build();
  }

  @AfterEach
  void stop() {
    provider.close();
    ecr.close();
    assertEquals(List.of(), ecr.protocolErrors());
  }

  @Test
  void pushAndPullWithAnEcrToken() {
    try (Registry registry = Registry.builder()
        .credentials(CredentialsProvider.chain(provider, CredentialsProvider.anonymous())).build()) {
      RegistryRepository repo = registry.repository(SERVER.reference("team/app"));
      Manifest m = TestImages.pushImageBlobs(repo);
      repo.putManifest(m, "v1");
      assertEquals(Optional.of(m), repo.manifest("v1"));
      assertEquals(List.of("v1"), repo.tags());
      assertTrue(registry.requestCount() > 5);
    }
    assertEquals(1, ecr.requests(), "one GetAuthorizationToken for the whole session");
    assertEquals(new FakeEcr.Call("test", "us-east-1", "ecr", List.of("123456789012")), ecr.calls().get(0));

    try (Registry second = Registry.builder().credentials(provider).build()) {
      assertTrue(second.repository(SERVER.reference("team/app")).resolve("v1").isPresent());
    }
    assertEquals(1, ecr.requests(), "a second Registry client reuses the provider's cached token");
  }

  @Test
  void deniedTokenRequestSurfacesThroughTheRegistryClient() {
    ecr.failWith(400, "AccessDeniedException", "not authorized to perform: ecr:GetAuthorizationToken");
    try (Registry registry = Registry.builder().credentials(provider).build()) {
      RegistryException e = assertThrows(RegistryException.class,
          () -> registry.repository(SERVER.reference("team/app")).tags());
      assertEquals("AccessDeniedException", e.errorCode());
      assertTrue(e.getMessage().contains("registry " + SERVER.host()), e.getMessage());
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(PASSWORD));
    }
  }

  @Test
  void wrongTokenIsRejectedByTheRegistry() {
    ecr.password("an-outdated-password");
    try (Registry registry = Registry.builder().credentials(provider).build()) {
      RegistryException e = assertThrows(RegistryException.class,
          () -> registry.repository(SERVER.reference("team/app")).tags());
      assertEquals(401, e.status());
      assertTrue(e.getMessage().contains("credentials were rejected"), e.getMessage());
      assertFalse(e.getMessage().contains("an-outdated-password"));
    }
  }

  @Test
  void longLivedClientPicksUpTheRenewedTokenAfterExpiry() {
    ecr.password("token-that-expired");
    try (Registry registry = Registry.builder().credentials(provider).build()) {
      RegistryRepository repo = registry.repository(SERVER.reference("team/long"));
      assertEquals(401, assertThrows(RegistryException.class, repo::tags).status());
      assertEquals(1, ecr.requests(), "the provider's cached token is still due only at expiry");

      ecr.password(PASSWORD);
      clock.advance(Duration.ofHours(12));
      Manifest m = TestImages.pushImageBlobs(repo);
      repo.putManifest(m, "v1");
      assertEquals(List.of("v1"), repo.tags());
      assertEquals(2, ecr.requests(), "after the 401 the client asked the provider again, which fetched once");
    }
  }
}
