package dev.countersign.oci;

import java.util.List;
import java.util.Optional;

/**
 * Finds credentials for a registry host ({@code ghcr.io}, {@code 127.0.0.1:5000}, {@code index.docker.io}). The
 * service-provider interface for credential sources: Docker's {@code config.json} and credential helpers
 * ({@link DockerConfigCredentials}), fixed credentials, or a cloud provider's ({@link EcrCredentials}, which needs
 * the optional AWS SDK). Implementations must be thread-safe and must not log secrets.
 */
@FunctionalInterface
public interface CredentialsProvider {
  /** Credentials for {@code registry} (host with optional port), or empty for anonymous access. */
  Optional<Credentials> credentials(String registry);

  /** No credentials for any registry. */
  static CredentialsProvider anonymous() {
    return registry -> Optional.empty();
  }

  /** {@code credentials} for {@code registry} only (compared case-insensitively). */
  static CredentialsProvider of(String registry, Credentials credentials) {
    return host -> host.equalsIgnoreCase(registry) ? Optional.of(credentials) : Optional.empty();
  }

  /** Docker's {@code config.json} from {@code $DOCKER_CONFIG} or {@code ~/.docker}, with credential helpers. */
  static CredentialsProvider dockerConfig() {
    return DockerConfigCredentials.fromEnvironment();
  }

  /** The first provider that has credentials for a registry wins. */
  static CredentialsProvider chain(CredentialsProvider... providers) {
    List<CredentialsProvider> list = List.of(providers);
    return registry -> {
      for (CredentialsProvider p : list) {
        Optional<Credentials> c = p.credentials(registry);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    };
  }
}
