package dev.countersign.cli;

import dev.countersign.core.intoto.StatementVersion;
import picocli.CommandLine.Option;

/** {@code --statement-version v1|v0.1} of the commands that write in-toto statements, parsed by core. */
final class StatementVersionOption {
  @Option(names = "--statement-version", defaultValue = "v1", paramLabel = "VERSION",
      description = "in-toto Statement version: v1 (default) or v0.1 (what cosign writes)")
  String value;

  StatementVersion version() {
    return StatementVersion.parse(value);
  }
}
