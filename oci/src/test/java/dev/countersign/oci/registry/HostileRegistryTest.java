package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.RetryPolicy;
import dev.countersign.oci.testing.HostileServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hostile registry responses end in clear exceptions, never an OOM or a hang. */
class HostileRegistryTest {
  private static final byte[] KIB = new byte[1024];
  private Registry registry;

  @BeforeEach
  void client() {
    registry = Registry.builder().credentials(CredentialsProvider.anonymous()).retryPolicy(RetryPolicy.none())
        .readTimeout(Duration.ofMillis(800)).callTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private RegistryRepository repo(HostileServer s) {
    return registry.repository(s.host() + "/app");
  }

  private static <T extends Throwable> T fails(Class<T> type, Executable e) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(type, e));
  }

  @Test
  void endlessManifestBodyStopsAtTheCap() throws Exception {
    Arrays.fill(KIB, (byte) ' ');
    try (HostileServer s = new HostileServer((line, out) -> {
      HostileServer.head(out, "HTTP/1.1 200 OK\nContent-Type: " + MediaTypes.OCI_MANIFEST + "\nConnection: close");
      HostileServer.endless(out, KIB);
    })) {
      InvalidInputException e = fails(InvalidInputException.class, () -> repo(s).manifest("v1"));
      assertTrue(e.getMessage().contains("exceeds the limit of " + (4 << 20)), e.getMessage());
    }
  }

  @Test
  void hugeContentLengthIsRefusedBeforeReading() throws Exception {
    try (HostileServer s = new HostileServer((line, out) -> {
      HostileServer.head(out, "HTTP/1.1 200 OK\nContent-Type: " + MediaTypes.OCI_MANIFEST
          + "\nContent-Length: 10737418240");
      HostileServer.endless(out, KIB);
    })) {
      InvalidInputException e = fails(InvalidInputException.class, () -> repo(s).manifest("v1"));
      assertTrue(e.getMessage().contains("10737418240 bytes exceeds"), e.getMessage());
      e = fails(InvalidInputException.class, () -> repo(s).tags());
      assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }
  }

  @Test
  void dripFedManifestHitsTheCallTimeout() throws Exception {
    try (HostileServer s = new HostileServer((line, out) -> {
      HostileServer.head(out, "HTTP/1.1 200 OK\nContent-Type: " + MediaTypes.OCI_MANIFEST + "\nConnection: close");
      while (true) {
        out.write(' ');
        out.flush();
        Thread.sleep(100);
      }
    })) {
      RegistryException e = fails(RegistryException.class, () -> repo(s).manifest("v1"));
      assertTrue(e.retryable());
    }
  }

  @Test
  void silentServerHitsTheReadTimeout() throws Exception {
    try (HostileServer s = new HostileServer((line, out) -> Thread.sleep(60_000))) {
      RegistryException e = fails(RegistryException.class, () -> repo(s).resolve("v1"));
      assertEquals(0, e.status());
      assertTrue(e.retryable());
    }
  }

  @Test
  void invalidJsonIsInvalidInput() throws Exception {
    try (HostileServer s = new HostileServer((line, out) -> {
      byte[] body = "{\"tags\": [\"a\", ".getBytes(StandardCharsets.UTF_8);
      HostileServer.head(out, "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: " + body.length);
      out.write(body);
    })) {
      InvalidInputException e = fails(InvalidInputException.class, () -> repo(s).tags());
      assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
      e = fails(InvalidInputException.class, () -> repo(s).referrers(
          Digest.compute(DigestAlgorithm.SHA256, new byte[0]), null));
      assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }
  }

  @Test
  void wrongTypesInJsonAreInvalidInput() throws Exception {
    try (HostileServer s = new HostileServer((line, out) -> {
      byte[] body = (line.contains("tags") ? "{\"tags\": [1, 2]}"
          : "{\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"sha256:nothex\",\"size\":1}]}")
          .getBytes(StandardCharsets.UTF_8);
      HostileServer.head(out, "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: " + body.length);
      out.write(body);
    })) {
      assertTrue(fails(InvalidInputException.class, () -> repo(s).tags()).getMessage().contains("not a string"));
      fails(InvalidInputException.class, () -> repo(s).referrers(Digest.compute(DigestAlgorithm.SHA256,
          new byte[0]), null));
    }
  }

  @Test
  void endlessErrorBodyIsCapped() throws Exception {
    try (HostileServer s = new HostileServer((line, out) -> {
      HostileServer.head(out, "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n"
          + "Connection: close");
      out.write("{\"errors\":[{\"code\":\"X\",\"message\":\"".getBytes(StandardCharsets.UTF_8));
      HostileServer.endless(out, KIB);
    })) {
      RegistryException e = fails(RegistryException.class, () -> repo(s).manifest("v1"));
      assertEquals(500, e.status());
      assertTrue(e.retryable());
    }
  }

  @Test
  void blobLongerThanDescriptorFailsAsSoonAsItOverflows() throws Exception {
    byte[] data = "twelve bytes".getBytes(StandardCharsets.UTF_8);
    Descriptor d = Descriptor.of("application/octet-stream", Digest.compute(DigestAlgorithm.SHA256, data), 12);
    try (HostileServer s = new HostileServer((line, out) -> {
      HostileServer.head(out, "HTTP/1.1 200 OK\nConnection: close");
      out.write(data);
      HostileServer.endless(out, KIB);
    })) {
      CountersignException e = fails(InvalidInputException.class, () -> {
        try (InputStream in = repo(s).openBlob(d)) {
          in.readAllBytes();
        }
      });
      assertTrue(e.getMessage().contains("longer than its descriptor's 12 bytes"), e.getMessage());
    }
  }

  @Test
  void blobContentLengthDisagreeingWithDescriptorIsRefusedBeforeReading() throws Exception {
    Descriptor d = Descriptor.of("application/octet-stream", Digest.compute(DigestAlgorithm.SHA256, KIB), 1024);
    try (HostileServer s = new HostileServer((line, out) -> {
      HostileServer.head(out, "HTTP/1.1 200 OK\nContent-Length: 50");
      out.write(new byte[50]);
    })) {
      InvalidInputException e = fails(InvalidInputException.class, () -> repo(s).openBlob(d));
      assertTrue(e.getMessage().contains("announced 50 bytes"), e.getMessage());
    }
  }

  @Test
  void blobConnectionCutMidStreamIsAnError() throws Exception {
    Descriptor d = Descriptor.of("application/octet-stream", Digest.compute(DigestAlgorithm.SHA256, KIB), 1024);
    try (HostileServer s = new HostileServer((line, out) -> {
      HostileServer.head(out, "HTTP/1.1 200 OK\nContent-Length: 1024");
      out.write(new byte[100]);
    })) {
      java.io.IOException e = fails(java.io.IOException.class, () -> {
        try (InputStream in = repo(s).openBlob(d)) {
          in.readAllBytes();
        }
      });
      assertTrue(e.getMessage().contains("after 100 of 1024 bytes"), e.getMessage());
    }
  }

  @Test
  void redirectLoopIsBounded() throws Exception {
    Descriptor d = Descriptor.of("application/octet-stream", Digest.compute(DigestAlgorithm.SHA256, KIB), 1024);
    try (HostileServer s = new HostileServer((line, out) ->
        HostileServer.head(out, "HTTP/1.1 307 Temporary Redirect\nLocation: /again\nContent-Length: 0"))) {
      RegistryException e = fails(RegistryException.class, () -> repo(s).openBlob(d));
      assertTrue(e.getMessage().contains("more than 5 redirects"), e.getMessage());
    }
  }
}
