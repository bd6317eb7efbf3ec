package dev.countersign.cli;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.signature.Triangulation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triangulate IMAGE}: prints where the image's signatures are stored. */
@Command(name = "triangulate", mixinStandardHelpOptions = true,
    description = "Print the reference of an image's legacy signature tag (sha256-<hex>.sig), attestation tag "
        + "(.att) or referrers fallback tag (sha256-<hex>).")
final class TriangulateCommand implements Callable<Integer> {
  @picocli.CommandLine.ParentCommand
  CountersignCommand parent;

  @Option(names = "--type", defaultValue = "signature", paramLabel = "TYPE",
      description = "signature (default), attestation or referrers")
  String type;

  @Mixin
  RegistryOptions registry;

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      Digest digest = target.repository().resolve(target.tagOrDigest())
          .orElseThrow(() -> new InvalidInputException("no image at " + target.display())).digest();
      String tag;
      switch (type) {
        case "signature":
          tag = Triangulation.signatureTag(digest);
          break;
        case "attestation":
          tag = Triangulation.attestationTag(digest);
          break;
        case "referrers":
          tag = Triangulation.referrersTag(digest);
          break;
        default:
          throw new InvalidInputException("--type must be signature, attestation or referrers, got '" + type + "'");
      }
      String base = image.startsWith("oci:") ? "oci:" + target.identity() : target.identity();
      parent.spec.commandLine().getOut().println(base + ":" + tag);
      return 0;
    }
  }
}
