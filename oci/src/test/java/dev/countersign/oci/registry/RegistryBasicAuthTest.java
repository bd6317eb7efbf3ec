package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.RegistryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BasicAuthContract} against the real docker-registry behind htpasswd Basic authentication. */
class RegistryBasicAuthTest extends BasicAuthContract {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.withBasicAuth(USER, PASSWORD);

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
