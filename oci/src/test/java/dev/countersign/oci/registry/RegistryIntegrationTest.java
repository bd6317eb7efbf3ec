package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.RegistryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryContract} against the real docker-registry (distribution 2.8.2), anonymous. */
class RegistryIntegrationTest extends RegistryContract {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
