package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.pgp.helm.ChartArchive;
import dev.countersign.pgp.helm.ChartMetadata;
import dev.countersign.pgp.helm.OciCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code helm push CHART.tgz oci://REGISTRY/NAMESPACE}: pushes the chart (and {@code CHART.tgz.prov} when it is
 * next to it) to {@code REGISTRY/NAMESPACE/NAME:VERSION}, as {@code helm push} does. {@code oci:PATH} writes into
 * an OCI image layout instead.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Push a packaged chart, with its .prov when present, to an OCI registry as Helm does.",
        "The chart lands at REGISTRY/NAMESPACE/NAME:VERSION ('+' in the version becomes '_')."})
final class HelmPushCommand implements Callable<Integer> {
  private static final String OCI_SCHEME = "oci://";

  @ParentCommand
  HelmCommand parent;

  @Mixin
  RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "CHART.tgz", description = "the packaged chart")
  Path chart;

  @Parameters(index = "1", paramLabel = "REMOTE", description = "oci://REGISTRY/NAMESPACE, or oci:LAYOUT_DIR")
  String remote;

  @Override
  public Integer call() {
    CliFiles.requireReadable(chart);
    ChartMetadata metadata = ChartArchive.readMetadata(chart);
    Path prov = chart.resolveSibling(chart.getFileName() + ".prov");
    Optional<Path> provenance = Files.isRegularFile(prov) ? Optional.of(prov) : Optional.empty();
    String target = target(metadata.name());
    try (ImageTarget repo = ImageTarget.open(target, registryOptions.insecure, !remote.startsWith(OCI_SCHEME))) {
      Descriptor pushed = OciCharts.push(repo.repository(), chart, metadata.toJson(), provenance, Instant.now());
      var out = parent.spec.commandLine().getOut();
      out.println("Pushed: " + target + ":" + OciCharts.tagFor(metadata.version()));
      out.println("Digest: " + pushed.digest());
    }
    return 0;
  }

  private String target(String chartName) {
    if (remote.startsWith(OCI_SCHEME)) {
      String base = remote.substring(OCI_SCHEME.length()).replaceAll("/+$", "");
      if (base.isEmpty() || base.contains("@") || base.substring(base.lastIndexOf('/') + 1).contains(":")) {
        throw new InvalidInputException("REMOTE must be oci://REGISTRY[/NAMESPACE] without a tag or digest, got "
            + remote);
      }
      return base + "/" + chartName;
    }
    if (remote.startsWith("oci:")) {
      return remote;
    }
    throw new InvalidInputException("REMOTE must start with oci:// (a registry) or oci: (a layout), got " + remote);
  }
}
