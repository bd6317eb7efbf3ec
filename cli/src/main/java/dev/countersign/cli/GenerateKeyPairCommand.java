package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.CosignKeyFiles;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.core.keys.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code generate-key-pair}: a new key as cosign writes it, {@code P.key} (encrypted) and {@code P.pub}. */
@Command(name = "generate-key-pair", mixinStandardHelpOptions = true,
    description = {"Generate a key pair: PREFIX.key (encrypted with scrypt + secretbox, as cosign writes it) and "
        + "PREFIX.pub (PEM SubjectPublicKeyInfo).",
        "The password comes from COSIGN_PASSWORD, else a terminal prompt, else standard input."})
final class GenerateKeyPairCommand implements Callable<Integer> {
  @ParentCommand
  CountersignCommand parent;

  @Option(names = "--output-key-prefix", defaultValue = "cosign", paramLabel = "PREFIX",
      description = "prefix of the files written (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--algorithm", defaultValue = "ecdsa-p256-sha256", paramLabel = "ALG",
      description = "ecdsa-p256-sha256 (default), ecdsa-p384-sha384, ecdsa-p521-sha512, ed25519, "
          + "rsa-pkcs1v15-sha256")
  String algorithm;

  @Option(names = "--rsa-bits", defaultValue = "3072", paramLabel = "BITS",
      description = "RSA modulus size: 2048, 3072 or 4096")
  int rsaBits;

  @Option(names = "--force", description = "overwrite existing files")
  boolean force;

  @Option(names = "--kms", paramLabel = "KEY", description = "create the key in a key service instead (e.g. "
      + "awskms:///alias/NAME) and write only PREFIX.pub; needs a backend for the scheme on the class path")
  String kms;

  @Override
  public Integer call() throws IOException {
    SignatureAlgorithm alg = SignatureAlgorithm.parse(algorithm);
    if (kms != null) {
      java.nio.file.Path pub = java.nio.file.Path.of(prefix + ".pub");
      if (java.nio.file.Files.exists(pub) && !force) {
        throw new InvalidInputException(pub + " already exists; choose another --output-key-prefix or pass --force");
      }
      var signer = KeyBackends.discover().generate(kms, alg);
      Files.writeString(pub, PemKeys.writePublicKey(signer.publicKey()));
      parent.spec.commandLine().getErr().println("Created " + kms + " (key id " + signer.keyId() + ")");
      parent.spec.commandLine().getErr().println("Public key written to " + pub);
      return 0;
    }
    KeyOutput out = KeyOutput.forPrefix(prefix, force);
    char[] password = CliPasswords.forWriting(parent.env(), out.privateKey().toString());
    try {
      CosignKeyFiles files = CosignKeys.export(KeyGeneration.generate(alg, rsaBits), password);
      out.write(files);
      parent.spec.commandLine().getErr().println("Private key written to " + out.privateKey());
      parent.spec.commandLine().getErr().println("Public key written to " + out.publicKey());
      return 0;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
