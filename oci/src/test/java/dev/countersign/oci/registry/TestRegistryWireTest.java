package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.testing.servers.TestRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WireContract} against TestRegistry. */
class TestRegistryWireTest extends WireContract {
  @RegisterExtension
  static final TestRegistry SERVER = TestRegistry.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
