package dev.countersign.oci.signature;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.RegistryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AttestationRequestCountContract} against the real docker-registry (no referrers API). */
class AttestationRequestCountTest extends AttestationRequestCountContract {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
