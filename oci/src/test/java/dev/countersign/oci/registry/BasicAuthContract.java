package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.Credentials;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.DockerConfigCredentials;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Basic authentication against the real docker-registry behind htpasswd ({@link RegistryBasicAuthTest}) and
 * TestRegistry ({@link TestRegistryBasicAuthTest}): both registries must behave the same to the client.
 */
abstract class BasicAuthContract {
  static final String USER = "alice";
  static final String PASSWORD = "correct horse battery";

  /** The registry under test, requiring USER and PASSWORD. */
  abstract ContractRegistry target();

  private static Registry client(CredentialsProvider creds) {
    return Registry.builder().credentials(creds).build();
  }

  @Test
  void pushAndPullWithCredentials() {
    try (Registry registry = client(CredentialsProvider.of(target().host(),
        Credentials.basic(USER, PASSWORD.toCharArray())))) {
      RegistryRepository repo = registry.repository(target().reference("secure/app"));
      Manifest m = TestImages.pushImageBlobs(repo);
      repo.putManifest(m, "v1");
      assertEquals(Optional.of(m), repo.manifest("v1"));
      assertEquals(List.of("v1"), repo.tags());
      long before = registry.requestCount();
      repo.resolve("v1");
      assertEquals(1, registry.requestCount() - before, "Basic credentials are sent pre-emptively once known");
    }
  }

  @Test
  void wrongPasswordIsA401WithClearMessageAndNoSecret() {
    try (Registry registry = client(CredentialsProvider.of(target().host(),
        Credentials.basic(USER, "wrong-password-xyz".toCharArray())))) {
      RegistryException e = assertThrows(RegistryException.class,
          () -> registry.repository(target().reference("secure/app")).manifest("v1"));
      assertEquals(401, e.status());
      assertFalse(e.retryable());
      assertTrue(e.getMessage().contains("credentials were rejected"), e.getMessage());
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains("wrong-password-xyz"));
      assertFalse(trace.toString().contains(Base64.getEncoder().encodeToString(
          (USER + ":wrong-password-xyz").getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void noCredentialsIsA401SayingSo() {
    try (Registry registry = client(CredentialsProvider.anonymous())) {
      RegistryException e = assertThrows(RegistryException.class,
          () -> registry.repository(target().reference("secure/app")).tags());
      assertEquals(401, e.status());
      assertTrue(e.getMessage().contains("no user name and password were found for " + target().host()),
          e.getMessage());
    }
  }

  @Test
  void credentialsFromDockerConfigJson(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("config.json");
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(config, "{\"auths\":{\"http://" + target().host() + "\":{\"auth\":\"" + auth + "\"}}}");
    try (Registry registry = client(DockerConfigCredentials.builder().configFile(config).build())) {
      RegistryRepository repo = registry.repository(target().reference("secure/config"));
      Manifest m = TestImages.pushImageBlobs(repo);
      repo.putManifest(m, "v1");
      assertEquals(Optional.of(m.descriptor()), repo.resolve("v1"));
    }
  }
}
