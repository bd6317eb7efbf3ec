package dev.countersign.cli;

import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.Provenance;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code helm verify --keyring PUBRING CHART.tgz}: checks {@code CHART.tgz.prov} as {@code helm verify} does and
 * prints what Helm prints (signer, fingerprint, chart hash). Exit 1 when verification fails.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify a chart archive against its .prov file and a public keyring, as helm verify does.",
        "Exit status: 0 verified, 1 verification failed, 2 bad usage or unreadable input."})
final class HelmVerifyCommand implements Callable<Integer> {
  @ParentCommand
  HelmCommand parent;

  @Option(names = "--keyring", paramLabel = "PUBRING",
      description = "public keyring: binary, armored or a GnuPG keybox (default: ~/.gnupg/pubring.gpg, as Helm)")
  Path keyring;

  @Option(names = {"--output", "-o"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default) or json: the full verification report on standard output")
  String output;

  @Parameters(paramLabel = "CHART.tgz", description = "the packaged chart; CHART.tgz.prov must be next to it")
  Path chart;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new picocli.CommandLine.ParameterException(parent.spec.commandLine(),
          "--output must be text or json, got '" + output + "'");
    }
    CliFiles.requireReadable(chart);
    PgpKeyring keys = PgpKeyring.read(CliFiles.requireReadable(keyringPath()));
    VerificationReport report = ProvenanceVerifier.withKeyring(keys).verify(chart);
    PrintWriter out = parent.spec.commandLine().getOut();
    if (output.equals("json")) {
      out.println(ReportJson.write(report));
    }
    if (!report.passed()) {
      parent.spec.commandLine().getErr().println("Error: " + report.summary());
      return Main.VERIFICATION_FAILED;
    }
    if (output.equals("text")) {
      Provenance prov = Provenance.parse(CliFiles.readAll(chart.resolveSibling(chart.getFileName() + ".prov")));
      PgpKey signer = keys.keys().stream().filter(k -> k.allKeyIds().contains(prov.signerKeyId())).findFirst()
          .orElseThrow();
      out.println("Signed by: " + (signer.userIds().isEmpty() ? "(no user id)" : signer.userIds().get(0)));
      out.println("Using Key With Fingerprint: " + signer.fingerprint());
      out.println("Chart Hash Verified: " + prov.files().get(chart.getFileName().toString()));
    }
    return 0;
  }

  private Path keyringPath() {
    if (keyring != null) {
      return keyring;
    }
    String home = parent.env().variables().getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".gnupg", "pubring.gpg");
  }
}
