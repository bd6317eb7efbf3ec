package dev.countersign.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.KeyBackends;
import dev.countersign.sbom.SbomVerification;
import dev.countersign.sbom.SbomVerifier;
import dev.countersign.sbom.UnsignedSbom;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sbom verify --key PUB [--type cyclonedx|spdx] [--output-file F] IMAGE}: verifies the image's SBOM
 * attestation, then writes the SBOM. Nothing is written when verification fails.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the image's SBOM attestation (signed by the key, statement about the image's digest, "
        + "CycloneDX or SPDX predicate type), validate the SBOM, then write it (JSON) to standard output or "
        + "--output-file. Nothing is written unless verification passed.",
        "Unsigned cosign .sbom attachments are reported and never used.",
        "Exit status: 0 verified, 1 verification failed, 2 bad usage or input."})
final class SbomVerifyCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand
  SbomCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY", description = "public key reference")
  String key;

  @Option(names = "--type", defaultValue = "cyclonedx", paramLabel = "TYPE",
      description = "cyclonedx (default) or spdx")
  String type;

  @Option(names = "--threshold", defaultValue = "1", paramLabel = "M",
      description = "distinct trusted keys that must have signed the attestation (default: 1)")
  int threshold;

  @Option(names = "--output-file", paramLabel = "FILE", description = "write the verified SBOM here, not stdout")
  Path outputFile;

  @Mixin
  RegistryOptions registry;

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() throws JsonProcessingException {
    if (!type.equals("cyclonedx") && !type.equals("spdx")) {
      throw new ParameterException(parent.spec.commandLine(), "--type must be cyclonedx or spdx, got '" + type
          + "'");
    }
    SbomVerifier.Builder b = SbomVerifier.builder().keyResolver(KeyBackends.discover().resolver(key))
        .threshold(threshold);
    if (type.equals("spdx")) {
      b.spdx();
    }
    SbomVerification result;
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      result = b.build().verify(target.repository(), target.tagOrDigest());
    }
    PrintWriter err = parent.spec.commandLine().getErr();
    for (UnsignedSbom u : result.unsignedAttachments()) {
      err.println("Warning: ignored " + u);
    }
    if (!result.passed()) {
      err.println("Error: " + result.reason().orElse("no SBOM attestation verified"));
      return Main.VERIFICATION_FAILED;
    }
    String sbom = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.document().orElseThrow());
    if (outputFile == null) {
      parent.spec.commandLine().getOut().println(sbom);
    } else {
      CliFiles.write(outputFile, sbom + "\n", StandardCharsets.UTF_8);
    }
    err.println("Verification for " + image + " --");
    err.println("The following checks were performed on the SBOM attestation:");
    err.println("  - The statement's subject is the image's digest " + result.digest().orElseThrow());
    err.println("  - The signatures were verified against the specified public key (" + result.keyIds() + ")");
    err.println("  - The SBOM is valid " + (type.equals("spdx") ? "" : "CycloneDX ")
        + result.specVersion().orElse("") + (outputFile == null ? "" : "; written to " + outputFile));
    if (result.verifiedCount() > 1) {
      err.println("Note: " + result.verifiedCount() + " SBOM attestations verified; this is the last one found ("
          + result.location().orElse("") + ")");
    }
    return 0;
  }
}
