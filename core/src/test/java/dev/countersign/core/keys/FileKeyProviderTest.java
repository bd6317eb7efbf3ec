package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.spi.KeyReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyProviderTest {
  private static final char[] PASSWORD = "pw".toCharArray();

  /** A password source that records each call and keeps the arrays it hands out, to check they get zeroed. */
  private static final class CountingPasswords implements PasswordSource {
    final List<char[]> handedOut = new ArrayList<>();
    final List<String> purposes = new ArrayList<>();

    @Override
    public char[] password(String purpose) {
      purposes.add(purpose);
      char[] p = PASSWORD.clone();
      handedOut.add(p);
      return p;
    }
  }

  @Test
  void discoveredBackendsRouteFilePathsAndUrisHere(@TempDir Path dir) {
    KeyPair keys = KeyGeneration.generate();
    Path key = dir.resolve("cosign.key");
    Path pub = dir.resolve("cosign.pub");
    KeyFixtures.write(key, CosignKeys.write(keys, PASSWORD));
    KeyFixtures.write(pub, PemKeys.writePublicKey(keys.getPublic()));

    KeyBackends backends = KeyBackends.discover();
    assertTrue(backends.schemes().contains("file"), backends.schemes().toString());
    Signer signer = backends.signer(key.toString(), PasswordSource.of(PASSWORD));
    assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, signer.algorithm());
    assertArrayEquals(keys.getPublic().getEncoded(), signer.publicKey().getEncoded());

    Verifier verifier = backends.verifier(pub.toUri().toString());
    assertTrue(pub.toUri().toString().startsWith("file:///"));
    verifier.verify(KeyFixtures.DATA, signer.sign(KeyFixtures.DATA));
    backends.verifier("file://" + pub).verify(KeyFixtures.DATA, signer.sign(KeyFixtures.DATA));
  }

  @Test
  void asksForAPasswordOnlyWhenEncryptedAndZeroesIt(@TempDir Path dir) {
    KeyPair keys = KeyGeneration.generate(SignatureAlgorithm.ED25519);
    Path cosign = dir.resolve("c.key");
    Path plain = dir.resolve("p.pem");
    KeyFixtures.write(cosign, CosignKeys.write(keys, PASSWORD));
    KeyFixtures.write(plain, PemKeys.writePrivateKey(keys.getPrivate()));
    FileKeyProvider provider = new FileKeyProvider();

    CountingPasswords passwords = new CountingPasswords();
    provider.signer(KeyReference.parse(plain.toString()), passwords);
    assertEquals(List.of(), passwords.purposes);

    Signer signer = provider.signer(KeyReference.parse(cosign.toString()), passwords);
    assertEquals(List.of(cosign.toString()), passwords.purposes);
    assertArrayEquals(new char[PASSWORD.length], passwords.handedOut.get(0), "password array was not zeroed");
    assertEquals(SignatureAlgorithm.ED25519, signer.algorithm());

    WrongPasswordException e = assertThrows(WrongPasswordException.class,
        () -> provider.signer(KeyReference.parse(cosign.toString()), purpose -> "nope".toCharArray()));
    assertTrue(e.getMessage().contains(cosign.toString()), e.getMessage());
  }

  @Test
  void readsEveryPrivateFormatAndBothPublicFormats(@TempDir Path dir) {
    Path pkcs1 = dir.resolve("rsa.pem");
    KeyFixtures.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
        dir.resolve("o.pem").toString());
    KeyFixtures.openssl("rsa", "-in", dir.resolve("o.pem").toString(), "-traditional", "-out", pkcs1.toString());
    KeyFixtures.openssl("rsa", "-in", dir.resolve("o.pem").toString(), "-RSAPublicKey_out", "-out",
        dir.resolve("o.rsapub").toString());
    FileKeyProvider provider = new FileKeyProvider();
    Signer signer = provider.signer(KeyReference.parse(pkcs1.toString()), PasswordSource.none());
    provider.verifier(KeyReference.parse(dir.resolve("o.rsapub").toString()))
        .verify(KeyFixtures.DATA, signer.sign(KeyFixtures.DATA));
    // A verifier from an unencrypted private key file uses its public half.
    provider.verifier(KeyReference.parse(pkcs1.toString())).verify(KeyFixtures.DATA, signer.sign(KeyFixtures.DATA));
    assertEquals(Set.of("file"), provider.schemes());
  }

  @Test
  void missingFilesAreKeyNotFound(@TempDir Path dir) {
    FileKeyProvider provider = new FileKeyProvider();
    String missing = dir.resolve("nope.key").toString();
    KeyNotFoundException e = assertThrows(KeyNotFoundException.class,
        () -> provider.signer(KeyReference.parse(missing), PasswordSource.none()));
    assertTrue(e.getMessage().contains("nope.key"), e.getMessage());
    assertThrows(KeyNotFoundException.class, () -> provider.verifier(KeyReference.parse("file://" + missing)));
    assertThrows(KeyNotFoundException.class, () -> KeyBackends.discover().verifier(missing));
  }

  @Test
  void refusesDirectoriesOversizedAndUnrecognisedFiles(@TempDir Path dir) throws Exception {
    FileKeyProvider provider = new FileKeyProvider();
    assertThrows(InvalidInputException.class, () -> provider.verifier(KeyReference.parse(dir.toString())));
    Path big = dir.resolve("big.pem");
    Files.write(big, new byte[(1 << 20) + 1]);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> provider.verifier(KeyReference.parse(big.toString())));
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
    Path json = dir.resolve("keyset.json");
    KeyFixtures.write(json, "{\"primaryKeyId\":1,\"key\":[]}");
    e = assertThrows(InvalidInputException.class,
        () -> provider.signer(KeyReference.parse(json.toString()), PasswordSource.none()));
    assertTrue(e.getMessage().contains("not a recognised key file"), e.getMessage());
  }

  @Test
  void aPublicKeyCannotSignAndAnEncryptedKeyCannotVerify(@TempDir Path dir) {
    KeyPair keys = KeyGeneration.generate();
    Path pub = dir.resolve("k.pub");
    Path key = dir.resolve("k.key");
    KeyFixtures.write(pub, PemKeys.writePublicKey(keys.getPublic()));
    KeyFixtures.write(key, CosignKeys.write(keys, PASSWORD));
    FileKeyProvider provider = new FileKeyProvider();
    CountingPasswords passwords = new CountingPasswords();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> provider.signer(KeyReference.parse(pub.toString()), passwords));
    assertTrue(e.getMessage().contains("holds a public key"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> provider.verifier(KeyReference.parse(key.toString())));
    assertTrue(e.getMessage().contains("cosign.pub"), e.getMessage());
    assertEquals(List.of(), passwords.purposes);
  }

  @Test
  void corruptEncryptedFilesFailBeforeAskingForAPassword(@TempDir Path dir) {
    Path key = dir.resolve("bad.key");
    KeyFixtures.write(key, "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\ne30=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    CountingPasswords passwords = new CountingPasswords();
    assertThrows(InvalidInputException.class, () -> new FileKeyProvider().signer(KeyReference.parse(key.toString()),
        passwords));
    Path pkcs8 = dir.resolve("bad.pem");
    KeyFixtures.write(pkcs8, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThrows(InvalidInputException.class, () -> new FileKeyProvider().signer(KeyReference.parse(pkcs8.toString()),
        passwords));
    assertEquals(List.of(), passwords.purposes);
  }

  @Test
  void resolvesFileUris() {
    assertEquals(Path.of("/keys/a b.key"), FileKeyProvider.path(KeyReference.parse("file:///keys/a%20b.key")));
    assertEquals(Path.of("/keys/x.key"), FileKeyProvider.path(KeyReference.parse("file://localhost/keys/x.key")));
    assertEquals(Path.of("rel/x.key"), FileKeyProvider.path(KeyReference.parse("file://rel/x.key")));
    assertEquals(Path.of("x.key"), FileKeyProvider.path(KeyReference.parse("x.key")));
    assertThrows(InvalidInputException.class, () -> FileKeyProvider.path(KeyReference.parse("file://")));
    assertThrows(InvalidInputException.class, () -> FileKeyProvider.path(KeyReference.parse("awskms:///alias/x")));
  }
}
