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

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Keys from a key manifest (instead of --keyring):%n")
  ManifestKeyOptions manifest;

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
    if (manifest != null && keyring != null) {
      throw new picocli.CommandLine.ParameterException(parent.spec.commandLine(),
          "--keyring and --keys are mutually exclusive");
    }
    ManifestKeys manifestKeys = manifest == null ? null : new ManifestKeys(manifest.resolver(parent.env()));
    ManifestKeyrings rings = manifestKeys == null ? null : new ManifestKeyrings(manifestKeys);
    PgpKeyring keys = null;
    VerificationReport report;
    if (rings != null) {
      ManifestKeyrings.Outcome o = rings.verify(chart);
      report = o.report();
      keys = o.signer().map(k -> PgpKeyring.of(java.util.List.of(k))).orElse(null);
    } else {
      keys = PgpKeyring.read(CliFiles.requireReadable(keyringPath()));
      report = ProvenanceVerifier.withKeyring(keys).verify(chart);
    }
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    if (output.equals("json")) {
      String json = ReportJson.write(report);
      out.println(manifestKeys == null ? json : manifestKeys.addTo(json));
    }
    if (!report.passed()) {
      err.println("Error: " + report.summary());
      if (manifestKeys != null) {
        manifestKeys.print(err);
        rings.refusedSigner(chart).ifPresent(d -> err.println("Error: the chart was signed by key "
            + d.keyId().value() + " (" + d.status().id() + "), refused by rule " + d.rule() + ": " + d.detail()));
      }
      return Main.VERIFICATION_FAILED;
    }
    if (manifestKeys != null) {
      manifestKeys.print(err);
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
