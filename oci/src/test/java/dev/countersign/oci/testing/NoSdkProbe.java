package dev.countersign.oci.testing;

import dev.countersign.core.BackendException;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.DockerConfigCredentials;
import dev.countersign.oci.EcrCredentials;
import dev.countersign.oci.Registry;
import java.nio.file.Path;

/**
 * Run by {@code OptionalAwsSdkTest} in a class loader without the AWS SDK: uses the registry client and the
 * credentials SPI, then asks for {@link EcrCredentials}. Returns what happened, one line per step.
 */
public final class NoSdkProbe {
  private NoSdkProbe() {}

  public static String run(Path missingConfig) {
    StringBuilder out = new StringBuilder();
    CredentialsProvider chain = CredentialsProvider.chain(
        DockerConfigCredentials.builder().configFile(missingConfig).build(), CredentialsProvider.anonymous());
    out.append("chain:").append(chain.credentials("123456789012.dkr.ecr.us-east-1.amazonaws.com")).append('\n');
    try (Registry registry = Registry.builder().credentials(chain).build()) {
      out.append("registry:").append(registry.repository("127.0.0.1:1/app").reference()).append('\n');
    }
    out.append("isEcrRegistry:").append(EcrCredentials.isEcrRegistry("123456789012.dkr.ecr.us-east-1.amazonaws.com"))
        .append('\n');
    try {
      EcrCredentials.fromEnvironment();
      out.append("fromEnvironment:built\n");
    } catch (BackendException e) {
      out.append("fromEnvironment:").append(e.getClass().getSimpleName()).append(':').append(e.getMessage())
          .append('\n');
    }
    return out.toString();
  }
}
