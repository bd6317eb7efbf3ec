package dev.countersign.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Registry flags shared by the image commands. */
final class RegistryOptions {
  @Option(names = {"--allow-insecure-registry", "--allow-http-registry"}, paramLabel = "HOST[:PORT]",
      description = "talk plain HTTP to this registry (repeatable); loopback registries always may")
  List<String> insecure = new ArrayList<>();
}
