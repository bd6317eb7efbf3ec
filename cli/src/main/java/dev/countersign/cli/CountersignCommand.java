package dev.countersign.cli;

import picocli.CommandLine.Command;

/** The top-level {@code countersign} command; its subcommands follow cosign's names and flags. */
@Command(
    name = "countersign",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Sign and verify software artifacts in formats cosign and Sigstore accept.",
    subcommands = {
      GenerateKeyPairCommand.class,
      ImportKeyPairCommand.class,
      PublicKeyCommand.class,
      SignBlobCommand.class,
      VerifyBlobCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      TriangulateCommand.class,
      TreeCommand.class,
      CopyCommand.class,
      AttestCommand.class,
      VerifyAttestationCommand.class,
      AttestBlobCommand.class,
      VerifyBlobAttestationCommand.class,
      ProvenanceCommand.class,
      PromoteCommand.class,
      DigestCommand.class,
      PgpCommand.class,
      HelmCommand.class,
      SbomCommand.class,
      KeysCommand.class,
      FixturesCommand.class,
    })
final class CountersignCommand implements Runnable {
  private final CliEnvironment env;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  CountersignCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Environment variables, standard input and console for subcommands. */
  CliEnvironment env() {
    return env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
