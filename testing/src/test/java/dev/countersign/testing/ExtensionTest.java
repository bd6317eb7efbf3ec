package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.testing.servers.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@Countersign
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {
  private static TestRegistry first;
  private static Path previousLayout;
  private OciLayout fromBeforeEach;

  @BeforeEach
  void setUp(OciLayout layout) {
    fromBeforeEach = layout;
  }

  @Test
  @Order(1)
  void injectsKeysByAlgorithm(TestKey defaultKey, @Algorithm(KeyKind.ED25519) TestKey ed,
      @Algorithm(value = KeyKind.ECDSA_P256, fresh = true) TestKey fresh, TestPgpKey pgp) {
    assertSame(TestKeys.ecdsaP256(), defaultKey);
    assertSame(TestKeys.ed25519(), ed);
    assertEquals(KeyKind.ECDSA_P256, fresh.kind());
    assertNotEquals(defaultKey.keyId(), fresh.keyId());
    assertSame(TestKeys.pgp(), pgp);
  }

  @Test
  @Order(2)
  void layoutIsSharedWithBeforeEachAndEmpty(OciLayout layout) {
    assertSame(fromBeforeEach, layout);
    assertEquals(List.of(), layout.tags());
    assertTrue(Files.isDirectory(layout.path()));
    previousLayout = layout.path();
  }

  @Test
  @Order(3)
  void eachTestGetsItsOwnLayoutAndThePreviousOneIsGone(OciLayout layout) {
    assertNotEquals(previousLayout, layout.path());
    assertTrue(!Files.exists(previousLayout), previousLayout + " still exists");
  }

  @Test
  @Order(4)
  void registryIsStartedForTheClass(TestRegistry registry) {
    first = registry;
    try (Registry client = Registry.builder().insecureRegistries(List.of(registry.host())).build()) {
      ImageBuilder.create().addContent("hi".getBytes(StandardCharsets.UTF_8), "hi.txt", 0644)
          .build(client.repository(registry.host() + "/app"), "v1");
    }
    assertTrue(registry.requestCount() > 0);
  }

  @Nested
  class Inner {
    @Test
    void nestedClassesUseTheEnclosingClassRegistryEmptied(TestRegistry registry) {
      assertSame(first, registry);
      assertEquals(0, registry.requestCount(), "state leaked into the nested test");
    }
  }

  @Test
  @Order(5)
  void registryIsTheSameButEmptiedBetweenTests(TestRegistry registry) {
    assertSame(first, registry);
    assertEquals(0, registry.requestCount(), "state leaked from the previous test");
    try (Registry client = Registry.builder().insecureRegistries(List.of(registry.host())).build()) {
      assertTrue(client.repository(registry.host() + "/app").resolve("v1").isEmpty());
    }
  }
}
