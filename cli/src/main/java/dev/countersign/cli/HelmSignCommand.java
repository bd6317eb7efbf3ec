package dev.countersign.cli;

import dev.countersign.pgp.helm.ChartSigner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code helm sign --key NAME --keyring SECRING CHART.tgz}: writes {@code CHART.tgz.prov} for a packaged chart. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign a packaged chart: write CHART.tgz.prov as helm package --sign does.",
        "The body is the chart metadata read back from the archive, '...', and files: with the archive's sha256."})
final class HelmSignCommand implements Callable<Integer> {
  @ParentCommand
  HelmCommand parent;

  @Mixin
  HelmSigningOptions signing;

  @Parameters(paramLabel = "CHART.tgz", description = "the packaged chart")
  Path chart;

  @Override
  public Integer call() {
    CliFiles.requireReadable(chart);
    Path prov = ChartSigner.sign(chart, signing.unlock(parent.env()), signing.layout(), Instant.now());
    parent.spec.commandLine().getOut().println("Signed " + chart.getFileName() + ": " + prov);
    return 0;
  }
}
