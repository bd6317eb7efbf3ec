package dev.countersign.cli;

import dev.countersign.core.keys.CosignKeyFiles;
import dev.countersign.core.keys.KeyImport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code import-key-pair}: converts a PEM private key into cosign's encrypted key files. */
@Command(name = "import-key-pair", mixinStandardHelpOptions = true,
    description = {"Import a PEM private key (PKCS#8, encrypted PKCS#8, SEC1 EC PRIVATE KEY, PKCS#1 RSA PRIVATE "
        + "KEY) as PREFIX.key (cosign's encrypted format) and PREFIX.pub.",
        "The new key's password comes from COSIGN_PASSWORD, else a terminal prompt, else standard input; an "
            + "encrypted input key is opened with the same password."})
final class ImportKeyPairCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "PEM", description = "the PEM private key to import")
  Path key;

  @Option(names = "--output-key-prefix", defaultValue = "import-cosign", paramLabel = "PREFIX",
      description = "prefix of the files written (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--force", description = "overwrite existing files")
  boolean force;

  @Override
  public Integer call() {
    byte[] pem = CliFiles.readAll(key);
    KeyOutput out = KeyOutput.forPrefix(prefix, force);
    char[] password = CliPasswords.forWriting(parent.env(), out.privateKey().toString());
    try {
      // An encrypted input key is opened with the same password: standard input can be read only once, and a
      // terminal user is not asked a third time.
      CosignKeyFiles files = KeyImport.toCosign(pem, purpose -> password.clone(), password, key.toString());
      out.write(files);
      parent.spec.commandLine().getErr().println("Private key written to " + out.privateKey());
      parent.spec.commandLine().getErr().println("Public key written to " + out.publicKey());
      return 0;
    } finally {
      Arrays.fill(password, '\0');
      Arrays.fill(pem, (byte) 0);
    }
  }
}
