package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.keys.CosignKeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes {@code PREFIX.key} (owner-only permissions where the file system has them) and {@code PREFIX.pub}. */
final class KeyOutput {
  private final Path privateKey;
  private final Path publicKey;
  private final boolean overwrite;

  private KeyOutput(Path privateKey, Path publicKey, boolean overwrite) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.overwrite = overwrite;
  }

  static KeyOutput forPrefix(String prefix, boolean overwrite) {
    if (prefix == null || prefix.isBlank()) {
      throw new InvalidInputException("--output-key-prefix must not be empty");
    }
    KeyOutput out = new KeyOutput(Path.of(prefix + ".key"), Path.of(prefix + ".pub"), overwrite);
    if (!overwrite) {
      for (Path p : new Path[] {out.privateKey, out.publicKey}) {
        if (Files.exists(p)) {
          throw new InvalidInputException(p + " already exists; choose another --output-key-prefix or pass --force");
        }
      }
    }
    return out;
  }

  Path privateKey() {
    return privateKey;
  }

  Path publicKey() {
    return publicKey;
  }

  void write(CosignKeyFiles files) {
    try {
      Path parent = privateKey.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (overwrite) {
        Files.deleteIfExists(privateKey);
      }
      Files.createFile(privateKey, ownerOnly());
      Files.writeString(privateKey, files.privateKeyPem(), StandardCharsets.US_ASCII,
          StandardOpenOption.TRUNCATE_EXISTING);
      Files.writeString(publicKey, files.publicKeyPem(), StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      throw new InvalidInputException(e.getFile() + " already exists", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot write key files " + privateKey + ", " + publicKey + ": "
          + CliFiles.reason(e), e);
    }
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
    if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new java.nio.file.attribute.FileAttribute<?>[0];
    }
    return new java.nio.file.attribute.FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
