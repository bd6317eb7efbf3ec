package dev.countersign.oci.registry;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.testing.servers.TestRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CopyRequestCountContract} against TestRegistry (with the referrers API). */
class TestRegistryCopyRequestCountTest extends CopyRequestCountContract {
  @RegisterExtension
  static final TestRegistry SERVER = TestRegistry.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
