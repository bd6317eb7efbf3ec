package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.Signer;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.timestamp.CosignTimestampJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sign-blob --key KEY [--output-signature F] [--bundle F] FILE}, as cosign writes them. */
@Command(name = "sign-blob", mixinStandardHelpOptions = true,
    description = {"Sign a file, streaming it. Writes the raw signature (base64, no trailing newline) and/or a "
        + "Sigstore bundle v0.3; with neither option the signature is printed on standard output.",
        "An encrypted key's password comes from COSIGN_PASSWORD, else a terminal prompt, else standard input."})
final class SignBlobCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY",
      description = "private key reference: a key file (cosign.key, PEM, Tink keyset) or e.g. awskms://...")
  String key;

  @Option(names = "--output-signature", paramLabel = "FILE", description = "write the base64 signature here")
  Path signatureOut;

  @Option(names = "--bundle", paramLabel = "FILE", description = "write a Sigstore bundle (v0.3 JSON) here")
  Path bundleOut;

  @Option(names = "--rfc3161-timestamp", paramLabel = "FILE",
      description = "with --timestamp-server-url: also write the timestamp here (cosign's JSON form)")
  Path timestampOut;

  @picocli.CommandLine.Mixin
  TimestampSigningOptions timestamp = new TimestampSigningOptions();

  @Parameters(paramLabel = "FILE", description = "the file to sign")
  Path file;

  @Override
  public Integer call() {
    CliFiles.requireReadable(file);
    Signer signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    BlobSigner blobSigner = BlobSigner.of(signer);
    blobSigner = timestamp.timestamper().map(blobSigner::withTimestamper).orElse(blobSigner);
    BlobSignature sig = blobSigner.sign(file);
    if (timestampOut != null) {
      byte[] ts = sig.timestamp().orElseThrow(() -> new picocli.CommandLine.ParameterException(
          parent.spec.commandLine(), "--rfc3161-timestamp needs --timestamp-server-url"));
      CliFiles.write(timestampOut, CosignTimestampJson.write(ts), StandardCharsets.UTF_8);
      parent.spec.commandLine().getErr().println("Wrote RFC3161 timestamp to file " + timestampOut);
    }
    if (signatureOut != null) {
      CliFiles.write(signatureOut, sig.base64(), StandardCharsets.US_ASCII);
      parent.spec.commandLine().getErr().println("Wrote signature to file " + signatureOut);
    }
    if (bundleOut != null) {
      CliFiles.write(bundleOut, sig.bundleJson(), StandardCharsets.UTF_8);
      parent.spec.commandLine().getErr().println("Wrote bundle to file " + bundleOut);
    }
    if (signatureOut == null && bundleOut == null) {
      parent.spec.commandLine().getOut().print(sig.base64());
      parent.spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
