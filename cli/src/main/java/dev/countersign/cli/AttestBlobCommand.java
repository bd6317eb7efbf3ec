package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.Signer;
import dev.countersign.core.blob.BlobAttester;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.SignedAttestation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code attest-blob --key KEY --predicate FILE --type TYPE [--bundle F] [--output-signature F] FILE}. */
@Command(name = "attest-blob", mixinStandardHelpOptions = true,
    description = {"Attest a file: an in-toto statement whose subject is the file's name and SHA-256, DSSE-signed.",
        "Writes the DSSE envelope (--output-signature) and/or a Sigstore bundle v0.3 (--bundle); with neither, "
            + "the envelope is printed on standard output."})
final class AttestBlobCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY", description = "private key reference")
  String key;

  @Option(names = "--predicate", required = true, paramLabel = "FILE", description = "the predicate, JSON")
  Path predicate;

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "predicate type URI or cosign shortcut (default: ${DEFAULT-VALUE})")
  String type;

  @Mixin
  StatementVersionOption statement;

  @Option(names = "--output-signature", paramLabel = "FILE", description = "write the DSSE envelope JSON here")
  Path signatureOut;

  @Option(names = "--bundle", paramLabel = "FILE", description = "write a Sigstore bundle (v0.3 JSON) here")
  Path bundleOut;

  @Mixin
  TimestampSigningOptions timestamp = new TimestampSigningOptions();

  @Parameters(paramLabel = "FILE", description = "the file to attest")
  Path file;

  @Override
  public Integer call() {
    CliFiles.requireReadable(file);
    String predicateType = PredicateTypes.resolve(type);
    var body = CliPredicates.read(predicate, predicateType);
    Signer signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    BlobAttester attester = BlobAttester.of(signer).statementVersion(statement.version());
    attester = timestamp.timestamper().map(attester::withTimestamper).orElse(attester);
    SignedAttestation att = attester.attest(file, predicateType, body);
    if (signatureOut != null) {
      CliFiles.write(signatureOut, att.envelopeJson(), StandardCharsets.UTF_8);
      parent.spec.commandLine().getErr().println("Wrote attestation envelope to file " + signatureOut);
    }
    if (bundleOut != null) {
      CliFiles.write(bundleOut, att.bundleJson(), StandardCharsets.UTF_8);
      parent.spec.commandLine().getErr().println("Wrote bundle to file " + bundleOut);
    }
    if (signatureOut == null && bundleOut == null) {
      parent.spec.commandLine().getOut().println(att.envelopeJson());
    }
    return 0;
  }
}
