package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.testing.servers.TestRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BasicAuthContract} against TestRegistry with Basic authentication. */
class TestRegistryBasicAuthTest extends BasicAuthContract {
  @RegisterExtension
  static final TestRegistry SERVER = TestRegistry.builder().basicAuth(USER, PASSWORD).build();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
