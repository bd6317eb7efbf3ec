package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.sbom.SbomGenerator;
import dev.countersign.sbom.SbomResult;
import dev.countersign.sbom.SbomWarning;
import dev.countersign.sbom.Sboms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cyclonedx.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sbom generate [--spec-version 1.6|1.5] [--output-file F] IMAGE}: the image's CycloneDX SBOM (JSON). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate the CycloneDX SBOM (JSON) of an image from its layers (streamed, whiteouts applied): "
        + "dpkg, apk and language packages. Written to standard output or --output-file.",
        "Exit status: 0 written, 2 bad usage or input."})
final class SbomGenerateCommand implements Callable<Integer> {
  @ParentCommand
  SbomCommand parent;

  @Option(names = "--spec-version", defaultValue = "1.6", paramLabel = "VERSION",
      description = "CycloneDX version: 1.6 (default) or 1.5")
  String specVersion;

  @Option(names = "--output-file", paramLabel = "FILE", description = "write the SBOM here instead of stdout")
  Path outputFile;

  @Mixin
  RegistryOptions registry;

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    SbomGenerator generator = SbomGenerator.builder().specVersion(parseSpecVersion(specVersion)).build();
    SbomResult result;
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      result = generator.generateWithWarnings(target.repository(), target.tagOrDigest());
    }
    for (SbomWarning w : result.warnings()) {
      parent.spec.commandLine().getErr().println("Warning: " + w);
    }
    String json = new String(Sboms.toJson(result.bom()), StandardCharsets.UTF_8);
    if (outputFile == null) {
      parent.spec.commandLine().getOut().println(json);
    } else {
      CliFiles.write(outputFile, json + "\n", StandardCharsets.UTF_8);
      parent.spec.commandLine().getErr().println("Wrote the SBOM of " + image + " to " + outputFile + " ("
          + (result.bom().getComponents() == null ? 0 : result.bom().getComponents().size()) + " components)");
    }
    return 0;
  }

  static Version parseSpecVersion(String value) {
    switch (value) {
      case "1.6":
        return Version.VERSION_16;
      case "1.5":
        return Version.VERSION_15;
      default:
        throw new InvalidInputException("--spec-version must be 1.6 or 1.5, got '" + value + "'");
    }
  }
}
