package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.Signer;
import dev.countersign.oci.signature.AttachedSignature;
import dev.countersign.sbom.SbomAttachment;
import dev.countersign.sbom.SbomAttestor;
import dev.countersign.sbom.SbomDocuments;
import dev.countersign.sbom.SbomGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sbom attest --key KEY [--sbom FILE] [--signature-format F] IMAGE}: signs the image's SBOM (generated, or
 * the file given) as an in-toto attestation and attaches it, as {@code cosign attest --type cyclonedx} does.
 */
@Command(name = "attest", mixinStandardHelpOptions = true,
    description = {"Sign the image's SBOM as an in-toto attestation (predicate type https://cyclonedx.org/bom, or "
        + "https://spdx.dev/Document for SPDX) and attach it: .att layer (cosign 2) and/or Sigstore bundle "
        + "referrer (cosign 3). Without --sbom the CycloneDX SBOM is generated from the image.",
        "--sbom takes CycloneDX JSON or XML (XML is converted to JSON) or SPDX 2.2/2.3 JSON, up to 16 MiB.",
        "Exit status: 0 attached, 2 bad usage or input."})
final class SbomAttestCommand implements Callable<Integer> {
  @ParentCommand
  SbomCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY", description = "private key reference")
  String key;

  @Option(names = "--sbom", paramLabel = "FILE", description = "attach this SBOM instead of generating one")
  Path sbom;

  @Option(names = "--spec-version", defaultValue = "1.6", paramLabel = "VERSION",
      description = "CycloneDX version generated without --sbom: 1.6 (default) or 1.5")
  String specVersion;

  @Option(names = "--signature-format", defaultValue = "both", paramLabel = "FORMAT",
      description = "legacy (.att), bundle (referrer) or both (default)")
  String format;

  @Mixin
  StatementVersionOption statement;

  @Mixin
  RegistryOptions registry;

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    SbomAttestor.Builder b = SbomAttestor.builder().format(SignCommand.parseFormat(format))
        .statementVersion(statement.version())
        .generator(SbomGenerator.builder().specVersion(SbomGenerateCommand.parseSpecVersion(specVersion)).build());
    var document = sbom == null ? null : SbomDocuments.defaults().read(CliFiles.requireReadable(sbom));
    Signer signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    SbomAttestor attestor = b.signer(signer).build();
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      SbomAttachment a = document == null
          ? attestor.attest(target.repository(), target.identity(), target.tagOrDigest())
          : attestor.attach(target.repository(), target.identity(), target.tagOrDigest(), document);
      for (AttachedSignature s : a.stored()) {
        parent.spec.commandLine().getErr().println("Attested " + s.subject() + " with " + a.document()
            .predicateType() + " (" + a.document().source().name().toLowerCase(Locale.ROOT) + " "
            + a.document().specVersion() + ", " + a.document().size() + " bytes; " + s.format().name()
            .toLowerCase(Locale.ROOT) + ": " + s.tag().orElse(s.manifest().digest().toString()) + ")");
      }
      return 0;
    }
  }

}
