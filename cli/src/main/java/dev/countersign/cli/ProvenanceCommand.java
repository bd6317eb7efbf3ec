package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code provenance}: SLSA provenance for builds. */
@Command(name = "provenance", mixinStandardHelpOptions = true,
    description = "SLSA build provenance.",
    subcommands = {ProvenanceGenerateCommand.class})
final class ProvenanceCommand implements Runnable {
  @ParentCommand
  CountersignCommand parent;

  @Spec
  CommandSpec spec;

  /** Environment of the top-level command. */
  CliEnvironment env() {
    return parent.env();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
