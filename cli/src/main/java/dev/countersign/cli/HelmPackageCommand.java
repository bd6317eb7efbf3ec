package dev.countersign.cli;

import dev.countersign.pgp.helm.ChartPackager;
import dev.countersign.pgp.helm.ChartSigner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code helm package [--sign --key NAME --keyring SECRING [--passphrase-file F]] [-d DEST] CHART_DIR}: writes
 * {@code NAME-VERSION.tgz} (and its {@code .prov} with {@code --sign}) as {@code helm package} does, with the same
 * bytes for the same input.
 */
@Command(name = "package", mixinStandardHelpOptions = true,
    description = {"Package a chart directory into NAME-VERSION.tgz, deterministically, and optionally sign it.",
        "Entry times come from SOURCE_DATE_EPOCH when set, else the newest file's modification time."})
final class HelmPackageCommand implements Callable<Integer> {
  @ParentCommand
  HelmCommand parent;

  @Option(names = "--sign", description = "also write NAME-VERSION.tgz.prov, signed with --key from --keyring")
  boolean sign;

  @Mixin
  HelmSigningOptions signing;

  @Option(names = {"--destination", "-d"}, defaultValue = ".", paramLabel = "DEST",
      description = "where to write the chart archive (default: the current directory)")
  Path destination;

  @Option(names = "--version", paramLabel = "VERSION", description = "set the chart's version (SemVer)")
  String version;

  @Option(names = "--app-version", paramLabel = "VERSION", description = "set the chart's appVersion")
  String appVersion;

  @Parameters(paramLabel = "CHART_DIR", description = "the chart directory (holding Chart.yaml)")
  Path chartDir;

  @Override
  public Integer call() {
    ChartPackager.Builder builder = ChartPackager.builder(chartDir).destination(destination)
        .environment(parent.env().variables());
    if (version != null) {
      builder.version(version);
    }
    if (appVersion != null) {
      builder.appVersion(appVersion);
    }
    var unlocked = sign ? signing.unlock(parent.env()) : null;
    Path archive = builder.build().write();
    if (unlocked != null) {
      ChartSigner.sign(archive, unlocked, signing.layout(), Instant.now());
    }
    parent.spec.commandLine().getOut().println("Successfully packaged chart and saved it to: " + archive);
    return 0;
  }
}
