package dev.countersign.cli;

import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgp export --keyring R --key NAME [--armor] [--output F]}: one key's public keyring, as gpg exports it. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the public key of one key in a keyring (binary, or ASCII-armored with --armor).",
        "NAME is a fingerprint, a long key id, or a user-id substring as helm --key takes it."})
final class PgpExportCommand implements Callable<Integer> {
  @ParentCommand
  PgpCommand parent;

  @Option(names = "--keyring", required = true, paramLabel = "KEYRING",
      description = "a public or secret keyring: binary, armored, or a GnuPG keybox")
  Path keyring;

  @Option(names = "--key", required = true, paramLabel = "NAME", description = "which key to export")
  String key;

  @Option(names = {"--armor", "-a"}, description = "ASCII armor instead of binary")
  boolean armor;

  @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "write here instead of standard output")
  Path output;

  @Override
  public Integer call() throws IOException {
    CliFiles.requireReadable(keyring);
    PgpKey selected = PgpKeyring.read(keyring).select(key);
    byte[] bytes = armor ? selected.publicKeyringArmored().getBytes(StandardCharsets.US_ASCII)
        : selected.publicKeyringBytes();
    if (output != null) {
      Files.write(output, bytes);
    } else if (armor) {
      parent.spec.commandLine().getOut().print(new String(bytes, StandardCharsets.US_ASCII));
      parent.spec.commandLine().getOut().flush();
    } else {
      writeBinary(bytes);
    }
    return 0;
  }

  /** Binary output goes to the process's standard output as bytes, not through the text writer. */
  private void writeBinary(byte[] bytes) throws IOException {
    parent.spec.commandLine().getOut().flush();
    OutputStream out = System.out;
    out.write(bytes);
    out.flush();
  }
}
