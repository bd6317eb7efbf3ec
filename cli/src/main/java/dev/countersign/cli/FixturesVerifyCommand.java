package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.VerificationReport;
import dev.countersign.testing.SignedFixtures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code fixtures verify --key PUB DIR}. Exit 1 when a file was added, removed or changed, or the signature fails. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify DIR/fixtures.sigstore.json with a public key and compare it with DIR: every added, "
        + "removed and changed file is listed.",
        "Exit status: 0 verified, 1 verification failed, 2 bad usage or unreadable input."})
final class FixturesVerifyCommand implements Callable<Integer> {
  @ParentCommand
  FixturesCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "PUB",
      description = "public key reference: a PEM public key file, a Tink (public) keyset, awskms://...")
  String key;

  @Option(names = {"--output", "-o"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default) or json: the full verification report on standard output")
  String output;

  @Parameters(paramLabel = "DIR", description = "the fixtures directory")
  Path dir;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--output must be text or json, got '" + output + "'");
    }
    VerificationReport report = SignedFixtures.check(dir, KeyBackends.discover().verifier(key));
    if (output.equals("json")) {
      parent.spec.commandLine().getOut().println(ReportJson.write(report));
    }
    if (!report.passed()) {
      parent.spec.commandLine().getErr().println("Error: " + report);
      return Main.VERIFICATION_FAILED;
    }
    parent.spec.commandLine().getErr().println("Verified OK");
    return 0;
  }
}
