package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifiers;
import dev.countersign.core.testing.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;

/** Shared helpers for the key tests: vector files, sign-and-verify checks, PEM comparisons, openssl runs. */
final class KeyFixtures {
  static final byte[] DATA = "countersign key test".getBytes(StandardCharsets.UTF_8);

  private KeyFixtures() {}

  /** A file from {@code src/test/resources/vectors/cosign-keys}. */
  static byte[] vector(String name) {
    try (InputStream in = KeyFixtures.class.getResourceAsStream("/vectors/cosign-keys/" + name)) {
      assertNotNull(in, "missing vector " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs {@link #DATA} with the pair's private key (cosign's algorithm) and verifies with its public key. */
  static void assertSignsAndVerifies(KeyPair keys) {
    Signer signer = Signers.of(keys);
    Verifiers.of(keys.getPublic()).verify(DATA, signer.sign(DATA));
  }

  /** The DER inside a one-block PEM text. */
  static byte[] pemDer(String pem) {
    StringBuilder b64 = new StringBuilder();
    for (String line : pem.split("\r?\n")) {
      if (!line.startsWith("-----") && !line.isBlank()) {
        b64.append(line.trim());
      }
    }
    return Base64.getDecoder().decode(b64.toString());
  }

  static void assertSamePublicKey(String expectedPem, PublicKey actual) {
    assertArrayEquals(pemDer(expectedPem), actual.getEncoded(), "public keys differ");
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs openssl and fails the test (showing its output) unless it exits 0. */
  static Peers.Result openssl(String... args) {
    Peers.Result r = Peers.openssl(args);
    assertEquals(0, r.exitCode(), () -> "openssl " + String.join(" ", args) + " failed: " + r.output());
    return r;
  }
}
