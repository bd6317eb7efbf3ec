package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.Signer;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.signature.AttachedSignature;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.oci.signature.SignatureFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sign --key KEY [-a k=v]... [--signature-format F] [--recursive] IMAGE}, as cosign signs images. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign a container image in a registry or an OCI layout (oci:PATH:TAG).",
        "Writes the legacy sha256-<hex>.sig signature (cosign 2, podman/skopeo) and/or a Sigstore bundle referrer "
            + "(cosign 3); both by default. Existing signatures are kept."})
final class SignCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY", description = "private key reference")
  String key;

  @Option(names = {"-a", "--annotations"}, paramLabel = "KEY=VALUE", description = "annotation signed into the "
      + "payload's optional section (repeatable)")
  List<String> annotations = new ArrayList<>();

  @Option(names = "--signature-format", defaultValue = "both", paramLabel = "FORMAT",
      description = "legacy, bundle or both (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--recursive", description = "for a multi-platform index, also sign every platform manifest")
  boolean recursive;

  @Mixin
  RegistryOptions registry;

  @Mixin
  TimestampSigningOptions timestamp = new TimestampSigningOptions();

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    SignatureFormat f = parseFormat(format);
    Signer signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      Descriptor subject = target.repository().resolve(target.tagOrDigest())
          .orElseThrow(() -> new InvalidInputException("no image at " + target.display()));
      ImageSigner.Builder b = ImageSigner.builder(signer).format(f).recursive(recursive);
      annotations.forEach(b::annotation);
      timestamp.timestamper().ifPresent(b::timestamper);
      List<AttachedSignature> attached = b.build().sign(target.repository(), target.identity(), subject);
      for (AttachedSignature a : attached) {
        parent.spec.commandLine().getErr().println("Signed " + a.subject() + " (" + a.format().name()
            .toLowerCase(Locale.ROOT) + ": " + a.tag().orElse(a.manifest().digest().toString()) + ")");
      }
      return 0;
    }
  }

  static SignatureFormat parseFormat(String value) {
    try {
      return SignatureFormat.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--signature-format must be legacy, bundle or both, got '" + value + "'");
    }
  }
}
