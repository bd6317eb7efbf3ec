package dev.countersign.testing.internal;

import dev.countersign.testing.servers.TestRegistry;

/** A started {@link TestRegistry} held in a JUnit store; closing the store stops it. */
public final class RegistryResource implements AutoCloseable {
  private final TestRegistry registry;

  public RegistryResource(TestRegistry registry) {
    this.registry = registry.start();
  }

  public TestRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    registry.close();
  }
}
