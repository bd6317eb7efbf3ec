package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.KeyQuery;
import dev.countersign.policy.PolicyDocument;
import dev.countersign.policy.Promotion;
import dev.countersign.policy.PromotionResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/**
 * {@code promote --key PLATFORM_KEY --developer-key PUB... [--threshold M] --policy FILE [--to TAG] IMAGE}: the
 * platform team's gate. Exit 0 promoted, 1 rejected (the reason on stderr), 2 bad usage or input.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = {"Verify the developer signatures and the provenance attestations of an image against a policy "
        + "and, only if all pass, sign the same digest with the platform key, attach a signed SLSA verification "
        + "summary and tag it (default tag: prod). A rejection writes nothing. Safe to run again.",
        "Exit status: 0 promoted, 1 rejected (reason on stderr), 2 bad usage or input."})
final class PromoteCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "PLATFORM_KEY",
      description = "the platform's private key reference (file, awskms://, pgp://...)")
  String key;

  @Option(names = "--developer-key", paramLabel = "PUB",
      description = "a trusted developer public key (repeatable); or use --keys with --trust-root")
  List<String> developerKeys = new ArrayList<>();

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Developer keys from a key manifest:%n")
  ManifestKeyOptions developerManifest;

  @Option(names = "--threshold", defaultValue = "1", paramLabel = "M",
      description = "distinct developer keys that must have signed (default: 1)")
  int threshold;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "the provenance policy file")
  Path policy;

  @Option(names = "--to", defaultValue = "prod", paramLabel = "TAG_OR_REF",
      description = "a tag in the same repository (default: ${DEFAULT-VALUE}), or a reference in a production "
          + "repository (REGISTRY/REPO:TAG or oci:PATH:TAG) to copy the image to, sign and attest there")
  String to;

  @Option(names = "--signature-format", defaultValue = "both", paramLabel = "FORMAT",
      description = "legacy, bundle or both (default): how the platform signature and the VSA are stored")
  String format;

  @Option(names = {"--output", "-o"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default) or json (every check of the decision)")
  String output;

  @Mixin
  RegistryOptions registry;

  @Parameters(paramLabel = "IMAGE", description = "registry reference or oci:PATH[:TAG|@DIGEST]")
  String image;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new ParameterException(parent.spec.commandLine(), "--output must be text or json, got '" + output + "'");
    }
    if (developerKeys.isEmpty() == (developerManifest == null)) {
      throw new ParameterException(parent.spec.commandLine(), developerKeys.isEmpty()
          ? "give the developer keys: --developer-key PUB..., or --keys URL_OR_DIR with --trust-root FILE"
          : "--developer-key and --keys are mutually exclusive");
    }
    KeyBackends backends = KeyBackends.discover();
    ManifestKeys manifestKeys = developerManifest == null ? null
        : new ManifestKeys(developerManifest.resolver(parent.env()));
    List<Verifier> trusted = new ArrayList<>();
    for (String k : developerKeys) {
      trusted.addAll(backends.resolver(k).resolve(KeyQuery.any()));
    }
    Signer platform = backends.signer(key, CliPasswords.forReading(parent.env()));
    Promotion promotion = Promotion.builder().developerKeys(manifestKeys != null ? manifestKeys
            : KeyResolver.of(trusted.toArray(Verifier[]::new)))
        .threshold(threshold).policy(PolicyDocument.read(policy)).platformSigner(platform)
        .format(SignCommand.parseFormat(format)).build();
    PromotionResult result;
    try (ImageTarget source = ImageTarget.open(image, registry.insecure)) {
      if (!to.contains("/") && !to.startsWith("oci:")) {
        result = promotion.promote(source.repository(), source.identity(), source.tagOrDigest(), to);
      } else {
        try (ImageTarget target = ImageTarget.open(to, registry.insecure, true)) {
          String tag = target.tagOrNull();
          if (tag == null) {
            throw new ParameterException(parent.spec.commandLine(), "--to " + to + " needs a tag");
          }
          result = promotion.promote(source.repository(), source.identity(), source.tagOrDigest(),
              target.repository(), target.identity(), tag);
        }
      }
    }
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    if (output.equals("json")) {
      String json = ReportJson.write(result.report());
      out.println(manifestKeys == null ? json : manifestKeys.addTo(json));
    } else {
      result.report().checks().forEach(c -> out.println(c));
    }
    if (manifestKeys != null) {
      manifestKeys.print(err);
    }
    if (!result.promoted()) {
      err.println("Error: rejected: " + result.reason().orElseThrow());
      return Main.VERIFICATION_FAILED;
    }
    result.actions().forEach(a -> err.println(a));
    err.println("Promoted " + result.digest().orElseThrow() + " to " + to);
    return 0;
  }
}
