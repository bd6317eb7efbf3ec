package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.blob.BlobAttestationVerifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.AttestationVerification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code verify-blob-attestation --key PUB (--signature ENVELOPE | --bundle F) --type TYPE [--check-claims=false]
 * [FILE]}: the attestation's signatures, its predicate type and (unless turned off) that its subject is FILE.
 */
@Command(name = "verify-blob-attestation", mixinStandardHelpOptions = true,
    description = {"Verify an in-toto attestation of a file: a DSSE envelope (--signature; JSON or its base64) or "
        + "a Sigstore bundle (--bundle). Checks the signature, the predicate type and that the statement's subject "
        + "is the file's SHA-256 (--check-claims=false skips the subject and FILE).",
        "Exit status: 0 verified, 1 verification failed, 2 bad usage or input."})
final class VerifyBlobAttestationCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @picocli.CommandLine.Mixin
  VerificationKeyOptions keyOptions;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--signature", paramLabel = "ENVELOPE", description = "the DSSE envelope file")
    Path signature;

    @Option(names = "--bundle", paramLabel = "FILE", description = "a Sigstore bundle JSON file")
    Path bundle;
  }

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "predicate type URI or cosign shortcut (default: ${DEFAULT-VALUE})")
  String type;

  @Option(names = "--check-claims", defaultValue = "true", arity = "1", paramLabel = "BOOL",
      description = "check that the statement's subject is FILE (default: true)")
  boolean checkClaims;

  @picocli.CommandLine.Mixin
  TimestampVerificationOptions timestamps = new TimestampVerificationOptions();

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "the attested file (required with claims)")
  Path file;

  @Override
  public Integer call() {
    if (checkClaims && file == null) {
      throw new InvalidInputException("FILE is required unless --check-claims=false");
    }
    Path artifact = file == null ? null : CliFiles.requireReadable(file);
    ManifestKeys manifestKeys = keyOptions.fromManifest() ? keyOptions.manifestKeys(parent.env()) : null;
    AttestationVerification result = verify(manifestKeys != null ? manifestKeys
        : KeyBackends.discover().resolver(keyOptions.keyReference()), artifact);
    if (!result.passed()) {
      parent.spec.commandLine().getErr().println("Error: " + result.report().summary());
      if (manifestKeys != null) {
        manifestKeys.printRefusal(parent.spec.commandLine().getErr(), r -> verify(r, artifact).passed());
      }
      return Main.VERIFICATION_FAILED;
    }
    if (manifestKeys != null) {
      manifestKeys.print(parent.spec.commandLine().getErr());
    }
    parent.spec.commandLine().getOut()
        .println(new String(result.verifiedStatement().toJson(), StandardCharsets.UTF_8));
    parent.spec.commandLine().getErr().println("Verified OK");
    return 0;
  }

  private AttestationVerification verify(dev.countersign.core.KeyResolver keys, Path artifact) {
    BlobAttestationVerifier.Builder builder = BlobAttestationVerifier.builder().keyResolver(keys)
        .predicateType(type).checkClaims(checkClaims);
    timestamps.trusted().ifPresent(builder::trustedTimestamps);
    BlobAttestationVerifier verifier = builder.build();
    return source.bundle != null
        ? verifier.verify(artifact, Bundle.parse(CliFiles.readAll(source.bundle)))
        : verifier.verify(artifact, envelope(source.signature));
  }

  /** The envelope file as JSON, or as base64 of the JSON (what some tools write). */
  private static DsseEnvelope envelope(Path file) {
    String text = new String(CliFiles.readAll(file), StandardCharsets.UTF_8).trim();
    if (!text.startsWith("{")) {
      try {
        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--signature " + file + " is neither envelope JSON nor its base64");
      }
    }
    return DsseEnvelope.parse(text);
  }
}
