package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code helm repo}: chart repository files ({@code index.yaml}). */
@Command(name = "repo", mixinStandardHelpOptions = true, description = "Chart repository index files.",
    subcommands = {HelmRepoIndexCommand.class})
final class HelmRepoCommand implements Runnable {
  @ParentCommand
  HelmCommand parent;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
