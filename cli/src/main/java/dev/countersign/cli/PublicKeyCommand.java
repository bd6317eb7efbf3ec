package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.keys.PemKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code public-key --key KEY}: prints the public key of a private key reference as PEM. */
@Command(name = "public-key", mixinStandardHelpOptions = true,
    description = "Print the PEM public key of a private key (a cosign.key file, a PEM file, or any key "
        + "reference a backend on the class path handles, e.g. awskms://...).")
final class PublicKeyCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY", description = "the private key reference")
  String key;

  @Option(names = "--outfile", paramLabel = "FILE", description = "write the PEM here instead of standard output")
  java.nio.file.Path outfile;

  @Override
  public Integer call() {
    var signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    String pem = PemKeys.writePublicKey(signer.publicKey());
    if (outfile != null) {
      CliFiles.write(outfile, pem, java.nio.charset.StandardCharsets.US_ASCII);
    } else {
      parent.spec.commandLine().getOut().print(pem);
      parent.spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
