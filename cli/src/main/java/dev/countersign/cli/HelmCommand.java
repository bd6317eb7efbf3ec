package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code helm}: Helm charts: package, sign, verify, repository index, OCI push. */
@Command(name = "helm", mixinStandardHelpOptions = true,
    description = "Helm charts and their provenance, byte-compatible with helm package --sign and helm verify.",
    subcommands = {HelmPackageCommand.class, HelmSignCommand.class, HelmVerifyCommand.class, HelmRepoCommand.class,
        HelmPushCommand.class})
final class HelmCommand implements Runnable {
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
