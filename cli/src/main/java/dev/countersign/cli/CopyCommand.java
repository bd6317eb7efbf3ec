package dev.countersign.cli;

import dev.countersign.oci.ImageCopy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code copy SRC DST}: copies an image with its signatures between registries and OCI layouts. */
@Command(name = "copy", mixinStandardHelpOptions = true,
    description = "Copy an image (an index with every platform) and its signatures (.sig, .att, referrers) between "
        + "registries and OCI layouts, verifying every digest; for air-gapped transfer.")
final class CopyCommand implements Callable<Integer> {
  @picocli.CommandLine.ParentCommand
  CountersignCommand parent;

  @Option(names = "--no-signatures", description = "copy the image only")
  boolean noSignatures;

  @Mixin
  RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "SRC", description = "registry reference or oci:PATH:TAG")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "registry reference or oci:PATH[:TAG]")
  String destination;

  @Override
  public Integer call() {
    try (ImageTarget from = ImageTarget.open(source, registry.insecure);
        ImageTarget to = ImageTarget.open(destination, registry.insecure, true)) {
      ImageCopy copy = noSignatures ? ImageCopy.withoutSignatures() : ImageCopy.withSignatures();
      ImageCopy.Result r = copy.copy(from.repository(), from.tagOrDigest(), to.repository(), to.tagOrNull());
      parent.spec.commandLine().getErr().println("Copied " + from.display() + " to " + to.display() + ": "
          + r.descriptor().digest() + ", " + r.manifests() + " manifest(s), " + r.blobsCopied() + " blob(s) copied, "
          + r.blobsSkipped() + " already present");
      return 0;
    }
  }
}
