package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.core.keys.TinkKey;
import dev.countersign.core.keys.TinkKeyset;
import dev.countersign.core.spi.StagedKey;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ceremony.Draft;
import dev.countersign.keys.ceremony.RotationPolicy;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyAlgorithm;
import dev.countersign.pgp.PgpKeyGenerator;
import dev.countersign.pgp.PgpKeyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys rotate --dir DIR (--kms awskms:///alias/NAME | --type file | --type tink --keyset FILE | --type pgp)
 * --output-file DRAFT}.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = {"Propose the next signing key in one step: it is valid from the current key's end minus the "
        + "overlap (not before now) for the validity, and the current active key is retired at its end.",
        "--kms creates the KMS key now but DISABLED and without the alias; keys publish enables it and moves the "
            + "alias only after a threshold signed. --type file writes DRAFT-without-.json.key (cosign format, "
            + "password from COSIGN_PASSWORD or a prompt) and .pub next to the draft; --type pgp writes the new OpenPGP key's "
            + "secret keyring DRAFT-without-.json.secring.gpg (passphrase likewise; empty: unprotected). "
            + "--type tink --keyset FILE adds a new primary key to a copy of that cleartext Tink keyset, written to "
            + "DRAFT-without-.json.keyset.json; FILE itself is left as it is, so the new key signs only once the "
            + "team swaps the files after keys publish."})
final class KeysRotateCommand implements Callable<Integer> {
  @ParentCommand
  KeysCommand parent;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "published directory or origin URL")
  String dir;

  @ArgGroup(multiplicity = "1")
  Backend backend;

  static final class Backend {
    @Option(names = "--kms", paramLabel = "KEY", description = "an AWS KMS alias, awskms:///alias/NAME")
    String kms;

    @Option(names = "--type", paramLabel = "TYPE",
        description = "file: a new ECDSA P-256 key in a cosign.key file; tink: a new primary key in a copy of "
            + "the --keyset; pgp: a new OpenPGP key")
    String type;
  }

  @Option(names = "--keyset", paramLabel = "FILE",
      description = "with --type tink: the cleartext Tink keyset (JSON, as Tinkey writes it) to rotate")
  Path keyset;

  @Option(names = "--pgp-user-id", paramLabel = "'NAME <EMAIL>'", description = "user id of a new PGP key")
  String pgpUserId;

  @Option(names = "--pgp-algorithm", paramLabel = "ALG", defaultValue = "rsa4096",
      description = "a new PGP key's algorithm: rsa4096 (default), rsa3072, ed25519")
  String pgpAlgorithm;

  @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "90d",
      description = "the new key's window (default: ${DEFAULT-VALUE})")
  String validity;

  @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "14d",
      description = "how long both keys are valid (default: ${DEFAULT-VALUE})")
  String overlap;

  @Option(names = "--output-file", required = true, paramLabel = "DRAFT", description = "the draft file to write")
  Path output;

  private String prefix() {
    String o = output.toString();
    return o.endsWith(".json") ? o.substring(0, o.length() - 5) : o;
  }

  /** A new PGP key: its secret keyring written to PREFIX.secring.gpg (owner-only), protected by the password. */
  private Draft rotatePgp(RotationPolicy policy, KeyManifest current, Instant now) {
    if (pgpUserId == null) {
      throw new InvalidInputException("--type pgp needs --pgp-user-id 'Name <email>'");
    }
    PgpKeyAlgorithm alg;
    switch (pgpAlgorithm.toLowerCase(java.util.Locale.ROOT)) {
      case "rsa4096":
        alg = PgpKeyAlgorithm.RSA_4096;
        break;
      case "rsa3072":
        alg = PgpKeyAlgorithm.RSA_3072;
        break;
      case "ed25519":
        alg = PgpKeyAlgorithm.ED25519;
        break;
      default:
        throw new InvalidInputException("--pgp-algorithm must be rsa4096, rsa3072 or ed25519, got '"
            + pgpAlgorithm + "'");
    }
    Path secret = Path.of(prefix() + ".secring.gpg");
    if (Files.exists(secret)) {
      throw new InvalidInputException(secret + " already exists");
    }
    char[] password = CliPasswords.forWriting(parent.env(), secret.toString());
    PgpKey key;
    try {
      key = PgpKeyGenerator.builder().algorithm(alg).userId(pgpUserId).passphrase(password).build().generate();
    } finally {
      Arrays.fill(password, '\0');
    }
    try {
      Files.createFile(secret, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.write(secret, PgpKeyring.of(java.util.List.of(key)).secretBytes());
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw new InvalidInputException("cannot write " + secret + ": " + e.getMessage(), e);
    }
    var verifier = KeyBackends.discover().verifier("pgp://" + secret.toAbsolutePath());
    Draft draft = policy.rotate(current, (start, end) -> KeysPgp.change(key, verifier, start, end), now);
    parent.err().println("Secret keyring of the new PGP key " + key.fingerprint() + " written to " + secret);
    return draft;
  }

  /**
   * A new primary key of the keyset's current algorithm, in a copy written to PREFIX.keyset.json (owner-only); the
   * old keys stay in it, enabled, so their signatures keep verifying with the keyset.
   */
  private Draft rotateTink(RotationPolicy policy, KeyManifest current, Instant now) {
    if (keyset == null) {
      throw new InvalidInputException("--type tink needs --keyset FILE, the cleartext Tink keyset to rotate");
    }
    TinkKeyset rotated = TinkKeyset.readCleartext(CliFiles.readAll(keyset)).rotate();
    Path out = Path.of(prefix() + ".keyset.json");
    try {
      Files.createFile(out, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(out, rotated.toCleartextJson());
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new InvalidInputException(out + " already exists");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw new InvalidInputException("cannot write " + out + ": " + e.getMessage(), e);
    }
    TinkKey next = rotated.primaryKey();
    Draft draft = policy.rotate(current, next.publicKey(), next.algorithm(), null, now);
    parent.err().println("Rotated Tink keyset written to " + out + " (new primary key " + next.tinkKeyId() + ", key id "
        + next.keyId() + "); " + keyset + " is unchanged: replace it with " + out + " after keys publish");
    return draft;
  }

  @Override
  public Integer call() {
    if (Files.exists(output)) {
      throw new InvalidInputException(output + " already exists; refusing to overwrite a draft");
    }
    if (keyset != null && !"tink".equals(backend.type)) {
      throw new InvalidInputException("--keyset goes with --type tink");
    }
    RotationPolicy policy = RotationPolicy.of(KeysOptions.duration(validity, "--validity"),
        KeysOptions.duration(overlap, "--overlap"));
    KeyManifest current = KeysOptions.published(dir);
    if (current == null) {
      throw new InvalidInputException("no keys.json in " + dir + ": propose the first manifest with keys propose");
    }
    Instant now = Instant.now();
    Draft draft;
    if (backend.kms != null) {
      StagedKey staged = KeyBackends.discover().stage(backend.kms, SignatureAlgorithm.ECDSA_P256_SHA256);
      draft = policy.rotate(current, staged.publicKey(), staged.algorithm(), staged.backendId(), now);
      parent.err().println("Created KMS key " + staged.backendId() + " for " + backend.kms
          + " DISABLED and without the alias; keys publish enables it and moves the alias after quorum");
    } else if ("file".equals(backend.type)) {
      KeyOutput out = KeyOutput.forPrefix(prefix(), false);
      KeyPair pair = KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
      draft = policy.rotate(current, pair.getPublic(), now);
      char[] password = CliPasswords.forWriting(parent.env(), out.privateKey().toString());
      try {
        out.write(CosignKeys.export(pair, password));
      } finally {
        Arrays.fill(password, '\0');
      }
      parent.err().println("Private key of the new signing key written to " + out.privateKey());
      parent.err().println("Public key written to " + out.publicKey());
    } else if ("tink".equals(backend.type)) {
      draft = rotateTink(policy, current, now);
    } else if ("pgp".equals(backend.type)) {
      draft = rotatePgp(policy, current, now);
    } else {
      throw new InvalidInputException("--type must be file, tink or pgp (or use --kms awskms:///alias/NAME), got '"
          + backend.type + "'");
    }

    draft.write(output);
    draft.summary().forEach(parent.out()::println);
    parent.err().println("Draft of version " + draft.manifest().version() + " written to " + output
        + "; it needs " + current.threshold() + " of the current members and " + draft.manifest().threshold()
        + " of its own (keys sign --key KEY " + output + ")");
    return 0;
  }
}
