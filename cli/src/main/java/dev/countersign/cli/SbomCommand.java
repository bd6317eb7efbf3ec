package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sbom}: CycloneDX SBOMs of images: generate, attest (sign and attach), verify (then write). */
@Command(name = "sbom", mixinStandardHelpOptions = true,
    description = "SBOMs of container images: generate CycloneDX, attach as signed in-toto attestations "
        + "(cosign attest --type cyclonedx), verify and fetch.",
    subcommands = {SbomGenerateCommand.class, SbomAttestCommand.class, SbomVerifyCommand.class})
final class SbomCommand implements Runnable {
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
