package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verify --key PUB [-a k=v]... [--output json] IMAGE}: exit 0 when at least one signature verifies. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the signatures of a container image (legacy .sig and Sigstore bundle referrers) with a "
        + "public key. Prints the verified payloads as a JSON array, as cosign does.",
        "Exit status: 0 at least one signature verified, 1 none did (or there are none), 2 bad usage or input."})
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  VerificationKeyOptions keyOptions;

  @Option(names = {"-a", "--annotations"}, paramLabel = "KEY=VALUE",
      description = "annotation every accepted signature must carry (repeatable)")
  List<String> annotations = new ArrayList<>();

  @Option(names = "--signature-format", defaultValue = "both", paramLabel = "FORMAT",
      description = "which signatures to look for: legacy (.sig tag), bundle (referrers) or both (default)")
  String format;

  @Option(names = "--recursive", description = "for an index, also verify every platform manifest")
  boolean recursive;

  @Option(names = {"--output", "-o"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default: verified payloads as JSON) or json (the full result of every signature)")
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
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--output must be text or json, got '" + output + "'");
    }
    ManifestKeys manifestKeys = keyOptions.fromManifest() ? keyOptions.manifestKeys(parent.env()) : null;
    ImageVerificationResult result = verify(manifestKeys != null ? manifestKeys
        : KeyBackends.discover().resolver(keyOptions.keyReference()));
    var out = parent.spec.commandLine().getOut();
    var err = parent.spec.commandLine().getErr();
    if (output.equals("json")) {
      String json = ImageResultJson.write(result);
      out.println(manifestKeys == null ? json : manifestKeys.addTo(json));
    } else if (result.passed()) {
      List<String> payloads = new ArrayList<>();
      result.verifiedPayloads().forEach(p -> payloads.add(new String(p, StandardCharsets.UTF_8)));
      out.println("[" + String.join(",", payloads) + "]");
    }
    if (!result.passed()) {
      err.println("Error: no matching signatures for " + image + ": " + result.reason().orElse("none verified"));
      result.signatures().forEach(s -> err.println("  " + s));
      if (manifestKeys != null) {
        manifestKeys.printRefusal(err, r -> verify(r).passed());
      }
      return Main.VERIFICATION_FAILED;
    }
    if (manifestKeys != null) {
      manifestKeys.print(err);
    }
    err.println("Verification for " + image + " --");
    err.println("The following checks were performed on each of these signatures:");
    err.println("  - The cosign claims were validated");
    err.println("  - The signatures were verified against the specified public key");
    result.notes().forEach(n -> err.println("Note: " + n));
    return 0;
  }

  private ImageVerificationResult verify(dev.countersign.core.KeyResolver keys) {
    ImageVerifier.Builder b = ImageVerifier.builder().keyResolver(keys).recursive(recursive)
        .formats(SignCommand.parseFormat(format));
    timestamps.trusted().ifPresent(b::trustedTimestamps);
    for (String a : annotations) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "annotation must be KEY=VALUE, got '" + a + "'");
      }
      b.requireAnnotation(a.substring(0, eq), a.substring(eq + 1));
    }
    try (ImageTarget target = ImageTarget.open(image, registry.insecure)) {
      return b.build().verify(target.repository(), target.tagOrDigest());
    }
  }
}
