package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.core.spi.StagedKey;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ceremony.Draft;
import dev.countersign.keys.ceremony.RotationPolicy;
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

/** {@code keys rotate --dir DIR (--kms awskms:///alias/NAME | --type file) --output-file DRAFT}. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = {"Propose the next signing key in one step: it is valid from the current key's end minus the "
        + "overlap (not before now) for the validity, and the current active key is retired at its end.",
        "--kms creates the KMS key now but DISABLED and without the alias; keys publish enables it and moves the "
            + "alias only after a threshold signed. --type file writes DRAFT-without-.json.key (cosign format, "
            + "password from COSIGN_PASSWORD or a prompt) and .pub next to the draft."})
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

    @Option(names = "--type", paramLabel = "TYPE", description = "file: a new ECDSA P-256 key in a cosign.key file")
    String type;
  }

  @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "90d",
      description = "the new key's window (default: ${DEFAULT-VALUE})")
  String validity;

  @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "14d",
      description = "how long both keys are valid (default: ${DEFAULT-VALUE})")
  String overlap;

  @Option(names = "--output-file", required = true, paramLabel = "DRAFT", description = "the draft file to write")
  Path output;

  @Override
  public Integer call() {
    if (Files.exists(output)) {
      throw new InvalidInputException(output + " already exists; refusing to overwrite a draft");
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
      String prefix = output.toString().endsWith(".json")
          ? output.toString().substring(0, output.toString().length() - 5) : output.toString();
      KeyOutput out = KeyOutput.forPrefix(prefix, false);
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
    } else {
      throw new InvalidInputException("--type must be file (or use --kms awskms:///alias/NAME), got '"
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
