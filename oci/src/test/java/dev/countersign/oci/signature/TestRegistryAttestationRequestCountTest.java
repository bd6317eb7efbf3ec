package dev.countersign.oci.signature;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.testing.servers.TestRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AttestationRequestCountContract} against TestRegistry (with the referrers API). */
class TestRegistryAttestationRequestCountTest extends AttestationRequestCountContract {
  @RegisterExtension
  static final TestRegistry SERVER = TestRegistry.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
