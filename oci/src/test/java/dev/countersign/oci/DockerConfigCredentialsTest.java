package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir
  Path dir;
  private Path config;
  private Path bin;

  @BeforeEach
  void setUp() throws Exception {
    config = dir.resolve("config.json");
    bin = Files.createDirectories(dir.resolve("bin"));
    // echoes the server URL it was given on stdin back as the user name, so the test sees what was asked
    helper("test", "read url\n"
        + "case \"$url\" in\n"
        + "  *missing*) echo 'credentials not found in native keychain'; exit 1;;\n"
        + "  *broken*) echo 'helper exploded' >&2; exit 3;;\n"
        + "  *token*) printf '{\"ServerURL\":\"%s\",\"Username\":\"<token>\",\"Secret\":\"refresh-tok\"}' \"$url\";;\n"
        + "  *) printf '{\"ServerURL\":\"%s\",\"Username\":\"user-for-%s\",\"Secret\":\"helper-secret\"}' "
        + "\"$url\" \"$(printf %s \"$url\" | tr ':/' '__')\";;\n"
        + "esac\n");
  }

  private void helper(String name, String body) throws Exception {
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private DockerConfigCredentials provider(String json) throws Exception {
    Files.writeString(config, json);
    return DockerConfigCredentials.builder().configFile(config).searchPath(List.of(dir.resolve("nowhere"), bin))
        .build();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void authsWithBase64Auth() throws Exception {
    DockerConfigCredentials p = provider("{\"auths\":{\"registry.example.com:5000\":{\"auth\":\""
        + b64("alice:pa:ss") + "\"}}}");
    Credentials c = p.credentials("registry.example.com:5000").orElseThrow();
    assertEquals(Credentials.Kind.BASIC, c.kind());
    assertEquals("alice", c.username());
    assertArrayEquals("pa:ss".toCharArray(), c.secret());
    assertEquals(Optional.empty(), p.credentials("registry.example.com"));
    assertEquals(Optional.empty(), p.credentials("other.example.com:5000"));
  }

  @Test
  void authsWithUsernamePasswordAndDockerHubKey() throws Exception {
    DockerConfigCredentials p = provider("{\"auths\":{\"https://index.docker.io/v1/\":{\"username\":\"bob\","
        + "\"password\":\"hub-secret\"},\"https://ghcr.io\":{\"identitytoken\":\"idt\"}}}");
    for (String hub : List.of("index.docker.io", "docker.io", "registry-1.docker.io")) {
      Credentials c = p.credentials(hub).orElseThrow();
      assertEquals("bob", c.username());
      assertArrayEquals("hub-secret".toCharArray(), c.secret());
    }
    Credentials idt = p.credentials("ghcr.io").orElseThrow();
    assertEquals(Credentials.Kind.IDENTITY_TOKEN, idt.kind());
    assertArrayEquals("idt".toCharArray(), idt.secret());
  }

  @Test
  void credHelperGetsServerUrlOnStdin() throws Exception {
    DockerConfigCredentials p = provider("{\"credHelpers\":{\"registry.example.com\":\"test\","
        + "\"index.docker.io\":\"test\",\"token.example.com\":\"test\"},"
        + "\"auths\":{\"registry.example.com\":{\"auth\":\"" + b64("file:user") + "\"}}}");
    Credentials c = p.credentials("registry.example.com").orElseThrow();
    assertEquals("user-for-registry.example.com", c.username());
    assertArrayEquals("helper-secret".toCharArray(), c.secret());
    assertEquals("user-for-https___index.docker.io_v1_", p.credentials("index.docker.io").orElseThrow().username());
    assertEquals(Credentials.Kind.IDENTITY_TOKEN, p.credentials("token.example.com").orElseThrow().kind());
  }

  @Test
  void credsStoreAndNotFoundFallsBackToAuths() throws Exception {
    DockerConfigCredentials p = provider("{\"credsStore\":\"test\",\"auths\":{\"missing.example.com\":{\"auth\":\""
        + b64("file-user:file-pass") + "\"}}}");
    assertEquals("user-for-any.example.com", p.credentials("any.example.com").orElseThrow().username());
    assertEquals("file-user", p.credentials("missing.example.com").orElseThrow().username());
  }

  @Test
  void helperFailuresAreClear() throws Exception {
    DockerConfigCredentials p = provider("{\"credHelpers\":{\"broken.example.com\":\"test\","
        + "\"gone.example.com\":\"absent\",\"evil.example.com\":\"../../bin/sh\"}}");
    BackendException e = assertThrows(BackendException.class, () -> p.credentials("broken.example.com"));
    assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("helper exploded"), e.getMessage());
    e = assertThrows(BackendException.class, () -> p.credentials("gone.example.com"));
    assertTrue(e.getMessage().contains("docker-credential-absent not found"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> p.credentials("evil.example.com"));
  }

  @Test
  void missingFileIsAnonymousAndMalformedFileIsInvalidInput() throws Exception {
    assertEquals(Optional.empty(), DockerConfigCredentials.builder().configFile(dir.resolve("none.json")).build()
        .credentials("x.io"));
    assertThrows(InvalidInputException.class, () -> provider("{not json").credentials("x.io"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> provider("{\"auths\":{\"x.io\":{\"auth\":\"" + b64("no-colon-secretvalue") + "\"}}}")
            .credentials("x.io"));
    assertFalse(e.getMessage().contains("secretvalue"));
  }

  @Test
  void credentialsNeverShowTheirSecret() {
    Credentials c = Credentials.basic("alice", "s3cr3t".toCharArray());
    assertFalse(c.toString().contains("s3cr3t"));
    assertTrue(c.toString().contains("alice"));
    assertFalse(Credentials.identityToken("tok3n".toCharArray()).toString().contains("tok3n"));
    c.destroy();
    assertArrayEquals(new char[6], c.secret());
    assertThrows(InvalidInputException.class, () -> Credentials.basic("a:b", "x".toCharArray()));
    assertThrows(InvalidInputException.class, () -> Credentials.basic("a", new char[0]));
  }

  @Test
  void chainAndFixedProviders() {
    Credentials c = Credentials.basic("u", "p".toCharArray());
    CredentialsProvider chain = CredentialsProvider.chain(CredentialsProvider.anonymous(),
        CredentialsProvider.of("Ghcr.io", c));
    assertEquals(Optional.of(c), chain.credentials("ghcr.io"));
    assertEquals(Optional.empty(), chain.credentials("quay.io"));
  }
}
