package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pgp}: OpenPGP keys for Helm provenance (generate, export, import keyrings). */
@Command(name = "pgp", mixinStandardHelpOptions = true,
    description = "OpenPGP keys and keyrings, as Helm and GnuPG use them.",
    subcommands = {PgpGenerateCommand.class, PgpExportCommand.class, PgpImportCommand.class})
final class PgpCommand implements Runnable {
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
