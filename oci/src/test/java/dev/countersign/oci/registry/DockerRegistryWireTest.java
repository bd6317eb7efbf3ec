package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.RegistryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WireContract} against the real docker-registry. */
class DockerRegistryWireTest extends WireContract {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
