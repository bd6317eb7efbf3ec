package dev.countersign.cli;

import dev.countersign.pgp.PgpKeyringImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pgp import --keyring DEST FILE...}: merges downloaded keyrings (and revocation certificates) into a local
 * keyring as {@code gpg --import} does. A file named {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} must hold exactly
 * the key its name states.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import keyrings into a local keyring file (created when missing), as gpg --import does.",
        "A file named keyring-YYYY-MM-DD-FINGERPRINT.gpg must hold exactly that key, created on that date.",
        "Nothing is written when any file is refused."})
final class PgpImportCommand implements Callable<Integer> {
  @ParentCommand
  PgpCommand parent;

  @Option(names = "--keyring", required = true, paramLabel = "DEST", description = "the local keyring to update")
  Path keyring;

  @Option(names = "--allow-secret-keys", description = "also import secret keys (refused by default)")
  boolean allowSecret;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "keyrings to import: binary, armored or keybox")
  List<Path> files;

  @Override
  public Integer call() {
    files.forEach(CliFiles::requireReadable);
    PgpKeyringImport importer = PgpKeyringImport.into(keyring);
    if (allowSecret) {
      importer = importer.allowSecretKeys();
    }
    PgpKeyringImport.Result result = importer.importFiles(files);
    PrintWriter out = parent.spec.commandLine().getOut();
    result.added().forEach(f -> out.println("imported: " + f));
    result.updated().forEach(f -> out.println("updated: " + f));
    result.unchanged().forEach(f -> out.println("unchanged: " + f));
    return 0;
  }
}
