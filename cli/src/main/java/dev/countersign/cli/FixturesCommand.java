package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fixtures}: sign a directory of test fixtures and verify it has not changed since (SignedFixtures). */
@Command(name = "fixtures", mixinStandardHelpOptions = true,
    description = {"Sign a directory of test fixtures into fixtures.sigstore.json (a Sigstore DSSE bundle listing "
        + "every file's path and SHA-256) and verify that no file was added, removed or changed since.",
        "Symbolic links and special files in the directory are refused."},
    subcommands = {FixturesSignCommand.class, FixturesVerifyCommand.class})
final class FixturesCommand implements Runnable {
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
