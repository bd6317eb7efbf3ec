package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.Signer;
import dev.countersign.testing.SignedFixtures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code fixtures sign --key KEY DIR}: writes {@code DIR/fixtures.sigstore.json}. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign every regular file under DIR into DIR/fixtures.sigstore.json (replacing it).",
        "An encrypted key's password comes from COSIGN_PASSWORD, else a terminal prompt, else standard input."})
final class FixturesSignCommand implements Callable<Integer> {
  @ParentCommand
  FixturesCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY",
      description = "private key reference: a key file (cosign.key, PEM, Tink keyset) or e.g. awskms://...")
  String key;

  @Parameters(paramLabel = "DIR", description = "the fixtures directory")
  Path dir;

  @Override
  public Integer call() {
    Signer signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    Path manifest = SignedFixtures.sign(dir, signer);
    parent.spec.commandLine().getErr().println("Signed fixtures: " + manifest);
    return 0;
  }
}
