package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.Signer;
import dev.countersign.keys.ceremony.Draft;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keys sign --key KEY DRAFT}: adds one member's signature to a draft, in place. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign a key manifest draft as a ceremony member and write the draft back with the signature.",
        "Read the summary first: it is printed before signing. An encrypted key's password comes from "
            + "COSIGN_PASSWORD, else a terminal prompt, else standard input."})
final class KeysSignCommand implements Callable<Integer> {
  @ParentCommand
  KeysCommand parent;

  @Option(names = {"--key", "-k"}, required = true, paramLabel = "KEY",
      description = "the member's private key: a key file (cosign.key, PEM), pgp://..., awskms://...")
  String key;

  @Parameters(paramLabel = "DRAFT", description = "the draft file (rewritten with the signature)")
  Path draftFile;

  @Override
  public Integer call() {
    Draft draft = Draft.read(CliFiles.requireReadable(draftFile));
    draft.summary().forEach(parent.out()::println);
    Signer signer = KeyBackends.discover().signer(key, CliPasswords.forReading(parent.env()));
    Draft signed = draft.sign(signer);
    signed.write(draftFile);
    parent.err().println("Signed version " + signed.manifest().version() + " as member " + signer.keyId() + " ("
        + signed.manifest().signatures().size() + " signatures, threshold " + signed.manifest().threshold() + ")");
    return 0;
  }
}
