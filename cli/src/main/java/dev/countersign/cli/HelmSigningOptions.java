package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PgpUnlockedKey;
import dev.countersign.pgp.helm.ProvenanceLayout;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Helm's signing flags ({@code --key}, {@code --keyring}, {@code --passphrase-file}) plus {@code --prov-format}.
 * The passphrase is asked for only when the key is protected, as Helm does.
 */
final class HelmSigningOptions {
  @Option(names = "--key", paramLabel = "NAME",
      description = "name of the key to sign with: a user-id substring, a fingerprint or a long key id")
  String key;

  @Option(names = "--keyring", paramLabel = "SECRING",
      description = "secret keyring holding the key (default: ~/.gnupg/pubring.gpg, as Helm)")
  Path keyring;

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "file whose first line is the key's passphrase; '-' reads standard input")
  String passphraseFile;

  @Option(names = "--prov-format", defaultValue = "helm3", paramLabel = "FORMAT",
      description = "helm3 (default: a CRC line, as Helm <= 3.21.3 writes) or helm4 (no CRC, Helm >= 3.21.4)")
  String provFormat;

  /** The {@code .prov} layout {@code --prov-format} names. */
  ProvenanceLayout layout() {
    switch (provFormat.toLowerCase(Locale.ROOT)) {
      case "helm3":
        return ProvenanceLayout.HELM_3_CRC;
      case "helm4":
        return ProvenanceLayout.HELM_4_NO_CRC;
      default:
        throw new InvalidInputException("--prov-format must be helm3 or helm4, got '" + provFormat + "'");
    }
  }

  /** The selected key, decrypted: no passphrase first, then the file, HELM_KEY_PASSPHRASE or a prompt. */
  PgpUnlockedKey unlock(CliEnvironment env) {
    if (key == null || key.isEmpty()) {
      throw new InvalidInputException("--key is required to sign");
    }
    Path ring = keyring != null ? keyring
        : Path.of(env.variables().getOrDefault("HOME", System.getProperty("user.home")), ".gnupg", "pubring.gpg");
    PgpKey selected = PgpKeyring.read(CliFiles.requireReadable(ring)).select(key);
    if (passphraseFile == null) {
      try {
        return selected.unlock(new char[0]);
      } catch (WrongPasswordException protectedKey) {
        // The key is protected: ask, as Helm does, below.
      }
    }
    return selected.unlock(PassphraseFile.read(passphraseFile, env, key));
  }
}
