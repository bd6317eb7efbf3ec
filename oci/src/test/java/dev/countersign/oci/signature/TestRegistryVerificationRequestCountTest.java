package dev.countersign.oci.signature;

import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.testing.servers.TestRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link VerificationRequestCountContract} against TestRegistry (with the referrers API). */
class TestRegistryVerificationRequestCountTest extends VerificationRequestCountContract {
  @RegisterExtension
  static final TestRegistry SERVER = TestRegistry.anonymous();

  @Override
  ContractRegistry target() {
    return ContractRegistry.of(SERVER);
  }
}
