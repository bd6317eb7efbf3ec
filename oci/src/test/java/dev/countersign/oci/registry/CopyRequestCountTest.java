package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.RegistryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CopyRequestCountContract} against the real docker-registry (no referrers API). */
class CopyRequestCountTest extends CopyRequestCountContract {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
