package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys}: the multi-member key ceremony (propose, sign, publish), rotation and key status. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = {"Signed key manifests (keys.json): propose the next version, sign it as a ceremony member, "
        + "publish it once a threshold signed, rotate keys and report when rotation is due.",
        "Exit status: 0 ok, 1 refused by a trust rule (named) or rotation due, 2 bad usage or unreadable input."},
    subcommands = {KeysProposeCommand.class, KeysSignCommand.class, KeysPublishCommand.class,
        KeysRotateCommand.class, KeysStatusCommand.class})
final class KeysCommand implements Runnable {
  @ParentCommand
  CountersignCommand parent;

  @Spec
  CommandSpec spec;

  /** Environment of the top-level command. */
  CliEnvironment env() {
    return parent.env();
  }

  java.io.PrintWriter out() {
    return parent.spec.commandLine().getOut();
  }

  java.io.PrintWriter err() {
    return parent.spec.commandLine().getErr();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
