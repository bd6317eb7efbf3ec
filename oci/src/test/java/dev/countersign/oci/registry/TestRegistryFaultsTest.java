package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.Credentials;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.RetryPolicy;
import dev.countersign.oci.testing.TestImages;
import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.RecordedRequest;
import dev.countersign.testing.servers.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry client against TestRegistry's Bearer token flow and injected faults (a real server, no stubs). */
class TestRegistryFaultsTest {
  @RegisterExtension
  static final TestRegistry SERVER = TestRegistry.builder().resetBeforeEachTest().build();

  private static Registry client() {
    return Registry.builder().credentials(CredentialsProvider.anonymous())
        .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofSeconds(2))).build();
  }

  /** Statuses of the requests from the {@code from}-th on that match. */
  private static List<Integer> statuses(int from, String method, String pathRegex) {
    List<RecordedRequest> all = SERVER.requests();
    return all.subList(from, all.size()).stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex))
        .map(RecordedRequest::status).toList();
  }

  @Test
  void bearerTokenFlowWithCredentials() {
    try (TestRegistry secured = TestRegistry.builder().bearerAuth("carol", "pw 1").build().start();
        Registry registry = Registry.builder().credentials(CredentialsProvider.of(secured.host(),
            Credentials.basic("carol", "pw 1".toCharArray()))).build()) {
      RegistryRepository repo = registry.repository(secured.reference("tok/app"));
      Manifest m = TestImages.pushImageBlobs(repo);
      repo.putManifest(m, "v1");
      assertEquals(Optional.of(m), repo.manifest("v1"));
      long tokens = secured.requests().stream().filter(r -> r.path().equals("/token")).count();
      assertTrue(tokens >= 1 && tokens <= 3, "tokens are cached per scope set: " + tokens);
      try (Registry wrong = Registry.builder().credentials(CredentialsProvider.of(secured.host(),
          Credentials.basic("carol", "nope".toCharArray()))).build()) {
        RegistryException e = assertThrows(RegistryException.class,
            () -> wrong.repository(secured.reference("tok/app")).manifest("v1"));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("the token service rejected the credentials"), e.getMessage());
      }
    }
  }

  @Test
  void tooManyRequestsHonoursRetryAfter() {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(SERVER.reference("f/app"));
      Manifest m = TestImages.pushImageBlobs(repo);
      repo.putManifest(m, "v1");
      SERVER.enqueue(Fault.status(429).retryAfter(1).on("GET", "/v2/f/app/manifests/v1"));
      int mark = SERVER.requestCount();
      long start = System.nanoTime();
      assertEquals(Optional.of(m), repo.manifest("v1"));
      assertTrue(System.nanoTime() - start >= 900_000_000L, "waited for Retry-After");
      assertEquals(List.of(429, 200), statuses(mark, "GET", "/v2/f/app/manifests/v1"));
    }
  }

  @Test
  void resetAnd503AreRetriedForIdempotentRequestsOnly() {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(SERVER.reference("f/reset"));
      Manifest m = TestImages.pushImageBlobs(repo);
      repo.putManifest(m, "v1");
      int mark = SERVER.requestCount();
      SERVER.enqueue(Fault.connectionReset().on("GET", ".*/manifests/v1"))
          .enqueue(Fault.status(503).on("GET", ".*/manifests/v1"));
      assertEquals(Optional.of(m), repo.manifest("v1"));
      assertEquals(List.of(0, 503, 200), statuses(mark, "GET", ".*/manifests/v1"));

      SERVER.enqueue(Fault.status(503).on("POST", ".*/blobs/uploads/"));
      mark = SERVER.requestCount();
      RegistryException e = assertThrows(RegistryException.class,
          () -> repo.pushBlob("application/octet-stream", "new blob".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(503, e.status());
      assertEquals(List.of(503), statuses(mark, "POST", ".*/blobs/uploads/"));
    }
  }

  @Test
  void truncatedBlobFailsAndSlowBlobCompletes() throws Exception {
    try (Registry registry = client()) {
      RegistryRepository repo = registry.repository(SERVER.reference("f/blob"));
      byte[] data = new byte[8192];
      java.util.Arrays.fill(data, (byte) 3);
      Descriptor d = repo.pushBlob("application/octet-stream", data);
      SERVER.enqueue(Fault.truncatedBody().on("GET", ".*/blobs/.*"));
      try (InputStream in = repo.openBlob(d)) {
        IOException e = assertThrows(IOException.class, in::readAllBytes);
        assertTrue(e.getMessage().contains("failed after 4096 of 8192 bytes"), e.getMessage());
      }
      SERVER.enqueue(Fault.slowBody(Duration.ofMillis(5)).on("GET", ".*/blobs/.*"));
      try (InputStream in = repo.openBlob(d)) {
        assertArrayEquals(data, in.readAllBytes());
      }
      assertEquals(0, SERVER.pendingFaults());
    }
  }
}
