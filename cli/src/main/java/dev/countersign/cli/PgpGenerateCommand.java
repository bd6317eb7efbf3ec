package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyAlgorithm;
import dev.countersign.pgp.PgpKeyGenerator;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PublishedKeyrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pgp generate --name N --email E [--algorithm A] [--passphrase-file F] --output-dir D}: a new OpenPGP
 * signing key, written as the published public keyring {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} and the secret
 * keyring {@code secring-YYYY-MM-DD-FINGERPRINT.gpg} (owner-only permissions).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate an OpenPGP signing key (RSA 3072/4096 or Ed25519) for Helm provenance.",
        "Writes keyring-YYYY-MM-DD-FINGERPRINT.gpg (public, to publish) and secring-YYYY-MM-DD-FINGERPRINT.gpg "
            + "(secret, to keep) into the output directory and prints the fingerprint."})
final class PgpGenerateCommand implements Callable<Integer> {
  @ParentCommand
  PgpCommand parent;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "the user id's name")
  String name;

  @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "the user id's e-mail address")
  String email;

  @Option(names = "--algorithm", defaultValue = "rsa4096", paramLabel = "ALG",
      description = "rsa4096 (default), rsa3072 or ed25519")
  String algorithm;

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "protect the secret key with the first line of FILE ('-' reads standard input); "
          + "without it the key is not encrypted")
  String passphraseFile;

  @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "where to write the keyrings")
  Path outputDir;

  @Override
  public Integer call() {
    PgpKeyGenerator.Builder builder = PgpKeyGenerator.builder().algorithm(algorithm())
        .userId(name + " <" + email + ">");
    if (passphraseFile != null) {
      char[] passphrase = PassphraseFile.read(passphraseFile, parent.env(), name);
      try {
        builder.passphrase(passphrase);
      } finally {
        Arrays.fill(passphrase, '\0');
      }
    }
    PgpKey key = builder.build().generate();
    try {
      Files.createDirectories(outputDir);
      Path published = PublishedKeyrings.write(outputDir, key);
      Path secret = outputDir.resolve(published.getFileName().toString().replaceFirst("^keyring-", "secring-"));
      writeOwnerOnly(secret, PgpKeyring.of(List.of(key)).secretBytes());
      var out = parent.spec.commandLine().getOut();
      out.println("Fingerprint: " + key.fingerprint());
      out.println("Public keyring: " + published);
      out.println("Secret keyring: " + secret);
      return 0;
    } catch (IOException e) {
      throw new InvalidInputException("cannot write keys into " + outputDir + ": " + CliFiles.reason(e), e);
    }
  }

  private PgpKeyAlgorithm algorithm() {
    switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "rsa4096":
        return PgpKeyAlgorithm.RSA_4096;
      case "rsa3072":
        return PgpKeyAlgorithm.RSA_3072;
      case "ed25519":
        return PgpKeyAlgorithm.ED25519;
      default:
        throw new InvalidInputException("--algorithm must be rsa4096, rsa3072 or ed25519, got '" + algorithm + "'");
    }
  }

  private static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file)) {
      throw new InvalidInputException(file + " already exists");
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
