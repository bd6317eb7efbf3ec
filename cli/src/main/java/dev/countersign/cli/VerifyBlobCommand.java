package dev.countersign.cli;

import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.timestamp.CosignTimestampJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verify-blob --key PUB (--signature F | --bundle F) FILE}. Exit 1 when verification fails. */
@Command(name = "verify-blob", mixinStandardHelpOptions = true,
    description = {"Verify a file against a raw signature or a Sigstore bundle (v0.1-v0.3) with a public key.",
        "Transparency-log entries are reported as not performed (no trusted root); RFC 3161 timestamps too unless "
            + "--timestamp-certificate-chain is given, which makes a verified timestamp required.",
        "Exit status: 0 verified, 1 verification failed, 2 bad usage or unreadable input."})
final class VerifyBlobCommand implements Callable<Integer> {
  /** Characters of (standard or URL-safe) base64 text and whitespace: a value with others cannot be a signature. */
  private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=_\\-\\s]+");

  @ParentCommand
  CountersignCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin
  VerificationKeyOptions keyOptions;

  @ArgGroup(multiplicity = "1")
  SignatureSource source;

  static final class SignatureSource {
    @Option(names = "--signature", paramLabel = "SIG", description = "the raw signature: a file, or base64 text")
    String signature;

    @Option(names = "--bundle", paramLabel = "FILE", description = "a Sigstore bundle JSON file")
    Path bundle;
  }

  @Option(names = "--signature-digest-algorithm", paramLabel = "ALG",
      description = "hash the signature was made over (sha256, sha384, sha512) when it does not follow the key: "
          + "e.g. a P-384 key used with SHA-256")
  String digestAlgorithm;

  @Option(names = {"--output", "-o"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default) or json: the full verification report on standard output")
  String output;

  @Option(names = "--rfc3161-timestamp", paramLabel = "FILE",
      description = "with --signature: the RFC 3161 timestamp kept beside it (cosign's JSON form)")
  Path timestampFile;

  @picocli.CommandLine.Mixin
  TimestampVerificationOptions timestamps = new TimestampVerificationOptions();

  @Parameters(paramLabel = "FILE", description = "the file that was signed")
  Path file;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--output must be text or json, got '" + output + "'");
    }
    CliFiles.requireReadable(file);
    ManifestKeys manifestKeys = keyOptions.fromManifest() ? keyOptions.manifestKeys(parent.env()) : null;
    VerificationReport report = check(keys(manifestKeys != null ? manifestKeys
        : KeyBackends.discover().resolver(keyOptions.keyReference())));
    if (output.equals("json")) {
      String json = ReportJson.write(report);
      parent.spec.commandLine().getOut().println(manifestKeys == null ? json : manifestKeys.addTo(json));
    }
    if (!report.passed()) {
      parent.spec.commandLine().getErr().println("Error: " + report.summary());
      if (manifestKeys != null) {
        manifestKeys.printRefusal(parent.spec.commandLine().getErr(), r -> check(r).passed());
      }
      return Main.VERIFICATION_FAILED;
    }
    if (manifestKeys != null) {
      manifestKeys.print(parent.spec.commandLine().getErr());
    }
    for (var c : report.checks()) {
      // Point out what a bundle carried but could not be checked; absent material needs no note.
      if (c.status() == VerificationCheck.Status.NOT_PERFORMED && !c.name().equals("key")
          && !c.detail().orElse("").contains("carries no")) {
        parent.spec.commandLine().getErr().println("Note: " + c);
      }
    }
    parent.spec.commandLine().getErr().println("Verified OK");
    return 0;
  }

  private VerificationReport check(KeyResolver keys) {
    BlobVerifier base = BlobVerifier.of(keys);
    BlobVerifier verifier = timestamps.trusted().map(base::withTrustedTimestamps).orElse(base);
    if (source.bundle != null) {
      if (timestampFile != null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--rfc3161-timestamp goes with --signature; a bundle carries its own timestamps");
      }
      return verifier.checkBundle(file, Bundle.parse(CliFiles.readAll(source.bundle)));
    }
    if (timestampFile != null) {
      return verifier.checkSignature(file, signatureText(source.signature), CosignTimestampJson.parse(
          new String(CliFiles.readAll(timestampFile), StandardCharsets.UTF_8)));
    }
    return verifier.checkSignature(file, signatureText(source.signature));
  }

  private KeyResolver keys(KeyResolver resolver) {
    if (digestAlgorithm == null) {
      return resolver;
    }
    DigestAlgorithm d = DigestAlgorithm.parse(digestAlgorithm);
    List<Verifier> pinned = resolver.resolve(KeyQuery.any()).stream()
        .map(v -> Verifiers.of(v.publicKey(), SignatureAlgorithm.forKey(v.publicKey(), d)))
        .toList();
    return KeyResolver.of(pinned.toArray(Verifier[]::new));
  }

  /** The signature file's text, or the value itself as inline base64 (cosign's rule: a file if one exists). */
  private static String signatureText(String value) {
    Path p;
    try {
      p = Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      p = null;
    }
    if (p != null && Files.exists(p)) {
      return new String(CliFiles.readAll(p), StandardCharsets.US_ASCII);
    }
    if (!BASE64_TEXT.matcher(value).matches()) {
      String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
      throw new InvalidInputException("--signature " + shown + ": no such file, and not base64 text either");
    }
    return value;
  }
}
