package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.Signer;
import dev.countersign.core.intoto.AttestationBuilder;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.SignedAttestation;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.signature.AttachedSignature;
import dev.countersign.oci.signature.ImageAttester;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code attest --key KEY --predicate FILE --type TYPE [--statement-version v1|v0.1] IMAGE}, as cosign attests. */
@Command(name = "attest", mixinStandardHelpOptions = true,
    description = {"Attach a signed in-toto attestation (DSSE) about an image: the .att layer (cosign 2) and/or a "
        + "Sigstore bundle referrer (cosign 3); both by default. The same attestation is never attached twice.",
        "TYPE is a predicate type URI or one of cosign's shortcuts: slsaprovenance, slsaprovenance02, "
            + "slsaprovenance1, cyclonedx, spdx, spdxjson, vuln, openvex, custom, link."})
final class AttestCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY", description = "private key reference")
  String key;

  @Option(names = "--predicate", required = true, paramLabel = "FILE", description = "the predicate, JSON")
  Path predicate;

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "predicate type URI or shortcut (default: ${DEFAULT-VALUE})")
  String type;

  @Mixin
  StatementVersionOption statement;

  @Option(names = "--signature-format", defaultValue = "both", paramLabel = "FORMAT",
      description = "legacy (.att), bundle (referrer) or both (default)")
  String format;

  @Mixin
  RegistryOptions registry;

  @Mixin
  TimestampSigningOptions timestamp = new TimestampSigningOptions();

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    String predicateType = PredicateTypes.resolve(type);
    var body = CliPredicates.read(predicate, predicateType);
    Signer signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      Descriptor subject = target.repository().resolve(target.tagOrDigest())
          .orElseThrow(() -> new InvalidInputException("no image at " + target.display()));
      SignedAttestation att = AttestationBuilder.of(signer).subject(target.identity(), subject.digest())
          .predicate(predicateType, body).statementVersion(statement.version()).build();
      ImageAttester.Builder attester = ImageAttester.builder().format(SignCommand.parseFormat(format));
      timestamp.timestamper().ifPresent(attester::timestamper);
      List<AttachedSignature> attached = attester.build()
          .attach(target.repository(), subject, att.envelope());
      for (AttachedSignature a : attached) {
        parent.spec.commandLine().getErr().println("Attested " + a.subject() + " with " + predicateType + " ("
            + a.format().name().toLowerCase(Locale.ROOT) + ": " + a.tag().orElse(a.manifest().digest().toString())
            + ")");
      }
      return 0;
    }
  }

}
