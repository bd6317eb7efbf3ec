package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.testing.servers.TestRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryContract} against TestRegistry without the referrers API, as distribution 2.8 behaves. */
class TestRegistryWithoutReferrersTest extends RegistryContract {
  @RegisterExtension
  static final TestRegistry SERVER = TestRegistry.builder().referrersApi(false).build();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
