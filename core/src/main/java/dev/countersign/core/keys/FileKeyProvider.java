package dev.countersign.core.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.internal.keys.Pem;
import dev.countersign.core.internal.keys.KeyFileFormat;
import dev.countersign.core.internal.keys.PrivateKeyFiles;
import dev.countersign.core.internal.keys.PublicKeyFiles;
import dev.countersign.core.spi.KeyProvider;
import dev.countersign.core.spi.KeyReference;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The key backend for key files, scheme {@code file}: plain paths ({@code cosign.key}) and {@code file://} URIs
 * ({@code file:///keys/cosign.key}). The format is recognised from the content: cosign encrypted keys, PKCS#8,
 * encrypted PKCS#8, SEC1 and PKCS#1 private keys; SubjectPublicKeyInfo and PKCS#1 public keys. Signers use the
 * algorithm cosign uses for the key. Registered for {@link java.util.ServiceLoader}, so
 * {@link dev.countersign.core.KeyBackends#discover()} finds it.
 */
public final class FileKeyProvider implements KeyProvider {
  /** For {@link java.util.ServiceLoader}; the provider is stateless. */
  public FileKeyProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(KeyReference.FILE);
  }

  /**
   * A signer for the private key file; {@code passwords} is asked only when the file is encrypted.
   *
   * @throws KeyNotFoundException when the file does not exist
   */
  @Override
  public Signer signer(KeyReference reference, PasswordSource passwords) {
    Path path = path(reference);
    byte[] data = read(path);
    try {
      if (KeyFileFormat.detect(data, path.toString()) == KeyFileFormat.TINK_KEYSET) {
        return TinkKeyset.readCleartext(data).signer();
      }
      return Signers.of(PrivateKeyFiles.read(data, passwords, path.toString()));
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  /**
   * A verifier for the public key file (or the public half of an unencrypted private key file).
   *
   * @throws KeyNotFoundException when the file does not exist
   */
  @Override
  public Verifier verifier(KeyReference reference) {
    return resolver(reference).resolveOne(KeyQuery.any());
  }

  /**
   * The public key of a key file; for a Tink keyset, every enabled key (primary first), so signatures made
   * before a rotation still verify.
   */
  @Override
  public KeyResolver resolver(KeyReference reference) {
    Path path = path(reference);
    byte[] data = read(path);
    if (KeyFileFormat.detect(data, path.toString()) == KeyFileFormat.TINK_KEYSET) {
      return TinkKeyset.readCleartext(data).resolver();
    }
    return KeyResolver.of(Verifiers.of(PublicKeyFiles.read(data, path.toString())));
  }

  static Path path(KeyReference reference) {
    if (!KeyReference.FILE.equals(reference.scheme())) {
      throw new InvalidInputException("the file key backend cannot open '" + reference.scheme() + "://' references");
    }
    String text = reference.text();
    try {
      if (!text.regionMatches(true, 0, "file://", 0, 7)) {
        return Path.of(text);
      }
      String rest = reference.schemeSpecificPart();
      if (rest.startsWith("/") || rest.regionMatches(true, 0, "localhost/", 0, 10)) {
        URI uri = new URI(text);
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
          throw new InvalidInputException("file URI names no file: " + text);
        }
        return Path.of(uri.getPath());
      }
      if (rest.isEmpty()) {
        throw new InvalidInputException("file URI names no file: " + text);
      }
      return Path.of(rest);
    } catch (URISyntaxException | InvalidPathException e) {
      throw new InvalidInputException("not a valid file path or file URI: " + text);
    }
  }

  private static byte[] read(Path path) {
    try {
      if (Files.isDirectory(path)) {
        throw new InvalidInputException(path + " is a directory, not a key file");
      }
      long size = Files.size(path);
      if (size > Pem.MAX_BYTES) {
        throw new InvalidInputException(path + " is " + size + " bytes; key files over " + Pem.MAX_BYTES
            + " bytes are refused");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new KeyNotFoundException("key file not found: " + path);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read key file " + path + ": " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String toString() {
    return "FileKeyProvider{scheme=file}";
  }
}
