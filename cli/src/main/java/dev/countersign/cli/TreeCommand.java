package dev.countersign.cli;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.Triangulation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tree IMAGE}: the supply-chain artifacts attached to an image. */
@Command(name = "tree", mixinStandardHelpOptions = true,
    description = "List what is attached to an image: legacy signatures (.sig), attestations (.att) and referrers "
        + "(Sigstore bundles, SBOMs, ...).")
final class TreeCommand implements Callable<Integer> {
  @picocli.CommandLine.ParentCommand
  CountersignCommand parent;

  @Mixin
  RegistryOptions registry;

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    PrintWriter out = parent.spec.commandLine().getOut();
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      Repository repo = target.repository();
      Digest digest = repo.resolve(target.tagOrDigest())
          .orElseThrow(() -> new InvalidInputException("no image at " + target.display())).digest();
      out.println("Artifacts attached to " + target.display() + " (" + digest + ")");
      layers(out, repo, "Signatures", Triangulation.signatureTag(digest));
      layers(out, repo, "Attestations", Triangulation.attestationTag(digest));
      List<Descriptor> referrers = repo.referrers(digest, null);
      out.println("└── Referrers: " + (referrers.isEmpty() ? "none" : referrers.size()));
      for (Descriptor d : referrers) {
        out.println("    └── " + d.digest() + " " + d.artifactType().orElse(d.mediaType()));
      }
      return 0;
    }
  }

  private static void layers(PrintWriter out, Repository repo, String title, String tag) {
    var manifest = repo.manifest(tag);
    if (manifest.isEmpty()) {
      out.println("├── " + title + ": none (" + tag + ")");
      return;
    }
    List<Descriptor> layers = ImageManifest.parse(manifest.get()).layers();
    out.println("├── " + title + " (" + tag + "): " + layers.size());
    for (Descriptor d : layers) {
      out.println("│   └── " + d.digest() + " " + d.mediaType());
    }
  }
}
