package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.policy.PolicyDocument;
import dev.countersign.policy.PolicyEvaluation;
import dev.countersign.policy.PolicyEvaluator;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/**
 * {@code verify-attestation --key PUB --type TYPE [--policy FILE] [--output json] IMAGE}: verifies the image's
 * attestations and prints each verified statement, decoded, one JSON document per line.
 */
@Command(name = "verify-attestation", mixinStandardHelpOptions = true,
    description = {"Verify the in-toto attestations of an image (.att layers and Sigstore bundle referrers) with a "
        + "public key; print each verified statement (decoded) as one JSON line.",
        "The statement's subject must be the image's digest. With --policy, each statement must also pass the "
            + "provenance policy (countersign.dev/v1 ProvenancePolicy, YAML or JSON).",
        "Exit status: 0 verified, 1 verification or policy failed, 2 bad usage or input."})
final class VerifyAttestationCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Mixin
  VerificationKeyOptions keyOptions;

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "predicate type URI or cosign shortcut (default: ${DEFAULT-VALUE})")
  String type;

  @Option(names = "--policy", paramLabel = "FILE", description = "a provenance policy every statement must pass")
  Path policy;

  @Option(names = "--threshold", defaultValue = "1", paramLabel = "M",
      description = "distinct trusted keys that must have signed each attestation (default: 1)")
  int threshold;

  @Option(names = {"--output", "-o"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default: one statement per line) or json (the verification report)")
  String output;

  @Mixin
  RegistryOptions registry;

  @Mixin
  TimestampVerificationOptions timestamps = new TimestampVerificationOptions();

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new ParameterException(parent.spec.commandLine(), "--output must be text or json, got '" + output + "'");
    }
    PolicyEvaluator evaluator = policy == null ? null
        : PolicyEvaluator.builder(PolicyDocument.read(policy).policy()).build();
    ManifestKeys manifestKeys = keyOptions.fromManifest() ? keyOptions.manifestKeys(parent.env()) : null;
    ImageAttestationResult result = verify(manifestKeys != null ? manifestKeys
        : KeyBackends.discover().resolver(keyOptions.keyReference()));
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    if (output.equals("json")) {
      String json = ReportJson.write(result.report());
      out.println(manifestKeys == null ? json : manifestKeys.addTo(json));
    }
    if (!result.passed()) {
      err.println("Error: " + result.reason().orElse("no attestation verified"));
      if (manifestKeys != null) {
        manifestKeys.printRefusal(err, r -> verify(r).passed());
      }
      return Main.VERIFICATION_FAILED;
    }
    if (manifestKeys != null) {
      manifestKeys.print(err);
    }
    int failed = 0;
    // One envelope stored in both schemes (.att layer and bundle referrer) is printed once.
    Set<String> seen = new HashSet<>();
    for (FoundAttestation found : result.verified()) {
      InTotoStatement s = found.statement().orElseThrow();
      if (!seen.add(found.envelope().map(DsseEnvelope::toJson).orElse(found.location()))) {
        continue;
      }
      if (evaluator != null) {
        PolicyEvaluation e = evaluator.evaluate(s.toJson(), Instant.now());
        if (!e.passed()) {
          failed++;
          err.println("Error: " + e.rejectionReason().orElse("policy failed"));
          e.report().failures().forEach(f -> err.println("  " + f));
          continue;
        }
      }
      if (output.equals("text")) {
        out.println(new String(s.toJson(), StandardCharsets.UTF_8));
      }
    }
    if (failed > 0) {
      return Main.VERIFICATION_FAILED;
    }
    err.println("Verification for " + image + " --");
    err.println("The following checks were performed on each of these attestations:");
    err.println("  - The statement's subject is the image's digest");
    err.println("  - The signatures were verified against the specified public key");
    if (evaluator != null) {
      err.println("  - The provenance policy " + policy + " passed");
    }
    return 0;
  }

  private ImageAttestationResult verify(dev.countersign.core.KeyResolver keys) {
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      ImageAttestationVerifier.Builder verifier = ImageAttestationVerifier.builder().keyResolver(keys)
          .threshold(threshold).type(PredicateTypes.resolve(type));
      timestamps.trusted().ifPresent(verifier::trustedTimestamps);
      return verifier.build().verify(target.repository(), target.tagOrDigest());
    }
  }
}
