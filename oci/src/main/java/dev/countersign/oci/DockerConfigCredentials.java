package dev.countersign.oci;

import dev.countersign.oci.internal.registry.DockerConfigFile;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials from Docker's {@code config.json}, resolved as the docker CLI does: {@code credHelpers[host]}, then
 * {@code credsStore}, by running {@code docker-credential-<name> get} with the server URL on stdin; then
 * {@code auths} entries ({@code auth} = base64 {@code user:password}, or {@code username}/{@code password},
 * {@code identitytoken}, {@code registrytoken}). Docker Hub is looked up as {@code https://index.docker.io/v1/}.
 * The file is re-read at each lookup (a later {@code docker login} is seen); a missing file means anonymous.
 */
public final class DockerConfigCredentials implements CredentialsProvider {
  private final Path configFile;
  private final List<Path> searchPath;
  private final Duration helperTimeout;

  private DockerConfigCredentials(Builder b) {
    this.configFile = Objects.requireNonNull(b.configFile, "configFile");
    this.searchPath = List.copyOf(b.searchPath);
    this.helperTimeout = b.helperTimeout;
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; helpers found on {@code $PATH}. */
  public static DockerConfigCredentials fromEnvironment() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path file = dir != null && !dir.isEmpty() ? Path.of(dir, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    List<Path> path = new ArrayList<>();
    String env = System.getenv("PATH");
    if (env != null) {
      for (String p : env.split(File.pathSeparator)) {
        if (!p.isEmpty()) {
          path.add(Path.of(p));
        }
      }
    }
    return builder().configFile(file).searchPath(path).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Credentials> credentials(String registry) {
    return DockerConfigFile.lookup(configFile, searchPath, helperTimeout, registry);
  }

  @Override
  public String toString() {
    return "DockerConfigCredentials[" + configFile + "]";
  }

  /** Builds a {@link DockerConfigCredentials}; the config file and helper search path are injectable. */
  public static final class Builder {
    private Path configFile;
    private List<Path> searchPath = List.of();
    private Duration helperTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The {@code config.json} to read. */
    public Builder configFile(Path configFile) {
      this.configFile = configFile;
      return this;
    }

    /** Directories searched for {@code docker-credential-<name>} executables, in order. */
    public Builder searchPath(List<Path> directories) {
      this.searchPath = List.copyOf(directories);
      return this;
    }

    /** How long a credential helper may run (default 30 s). */
    public Builder helperTimeout(Duration timeout) {
      this.helperTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public DockerConfigCredentials build() {
      return new DockerConfigCredentials(this);
    }
  }
}
