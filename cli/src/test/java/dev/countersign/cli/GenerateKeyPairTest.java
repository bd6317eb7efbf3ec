package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code generate-key-pair}: files written, overwrite protection, where the password comes from, algorithms. */
class GenerateKeyPairTest {
  @TempDir
  Path dir;

  private String prefix(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void writesEncryptedPrivateKeyWithOwnerOnlyPermissionsAndPublicKey() throws Exception {
    Cli.Result r = Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("cosign")).expect(0);
    Path key = dir.resolve("cosign.key");
    Path pub = dir.resolve("cosign.pub");
    String keyPem = Files.readString(key);
    assertTrue(keyPem.startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), keyPem);
    assertTrue(keyPem.strip().endsWith("-----END ENCRYPTED SIGSTORE PRIVATE KEY-----"), keyPem);
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(key));
    String pubPem = Files.readString(pub);
    assertTrue(pubPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pubPem);
    assertTrue(Tools.openssl("pkey", "-pubin", "-in", pub.toString(), "-noout", "-text").contains("prime256v1"));
    assertTrue(r.err().contains("Private key written to " + key), r.err());
    assertTrue(r.err().contains("Public key written to " + pub), r.err());
    assertEquals("", r.out());
    // The password encrypts the key: public-key opens it with the right one only.
    assertEquals(pubPem, Cli.withPassword("pw", "public-key", "--key", key.toString()).expect(0).out());
    Cli.withPassword("other", "public-key", "--key", key.toString()).expect(Main.USAGE);
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("k")).expect(0);
    byte[] key = Files.readAllBytes(dir.resolve("k.key"));
    byte[] pub = Files.readAllBytes(dir.resolve("k.pub"));
    Cli.Result r = Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("k"))
        .expect(Main.USAGE);
    assertTrue(r.err().contains("k.key already exists"), r.err());
    assertTrue(r.err().contains("--force"), r.err());
    assertArrayEquals(key, Files.readAllBytes(dir.resolve("k.key")));
    assertArrayEquals(pub, Files.readAllBytes(dir.resolve("k.pub")));

    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("k"), "--force").expect(0);
    assertNotEquals(new String(pub), Files.readString(dir.resolve("k.pub")));
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(dir.resolve("k.key")));
  }

  @Test
  void anExistingPublicKeyAloneAlsoBlocks() throws Exception {
    Files.writeString(dir.resolve("p.pub"), "keep me");
    Cli.Result r = Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("p"))
        .expect(Main.USAGE);
    assertTrue(r.err().contains("p.pub already exists"), r.err());
    assertFalse(Files.exists(dir.resolve("p.key")));
    assertEquals("keep me", Files.readString(dir.resolve("p.pub")));
  }

  @Test
  void createsMissingDirectoriesOfThePrefix() {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("a/b/release")).expect(0);
    assertTrue(Files.isRegularFile(dir.resolve("a/b/release.key")));
    assertTrue(Files.isRegularFile(dir.resolve("a/b/release.pub")));
  }

  @Test
  void passwordIsReadFromPipedStdinWithoutEnvironmentVariableOrConsole() {
    Cli.withStdin("piped secret", "generate-key-pair", "--output-key-prefix", prefix("s")).expect(0);
    String key = dir.resolve("s.key").toString();
    Cli.withPassword("piped secret", "public-key", "--key", key).expect(0);
    Cli.withStdin("piped secret", "public-key", "--key", key).expect(0);
    Cli.withPassword("piped", "public-key", "--key", key).expect(Main.USAGE);
  }

  @Test
  void environmentVariableWinsOverStdin() {
    Cli.run(Map.of("COSIGN_PASSWORD", "from-env"), "from-stdin".getBytes(), "generate-key-pair",
        "--output-key-prefix", prefix("e")).expect(0);
    String key = dir.resolve("e.key").toString();
    Cli.withPassword("from-env", "public-key", "--key", key).expect(0);
    Cli.withPassword("from-stdin", "public-key", "--key", key).expect(Main.USAGE);
  }

  @Test
  void emptyPasswordIsAllowedAsInCosign() {
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", prefix("empty")).expect(0);
    String key = dir.resolve("empty.key").toString();
    Cli.withPassword("", "public-key", "--key", key).expect(0);
    Cli.withStdin("", "public-key", "--key", key).expect(0);
    Cli.withPassword("x", "public-key", "--key", key).expect(Main.USAGE);
  }

  @ParameterizedTest
  @CsvSource({
      "ecdsa-p256-sha256, prime256v1",
      "ecdsa-p384-sha384, secp384r1",
      "ecdsa-p521-sha512, secp521r1",
      "ed25519, ED25519 Public-Key",
      "rsa-pkcs1v15-sha256, Public-Key: (2048 bit)"})
  void everyAlgorithmGeneratesAKeyThatSignsAndVerifies(String algorithm, String opensslText) throws Exception {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("k"), "--algorithm", algorithm,
        "--rsa-bits", "2048").expect(0);
    String pub = dir.resolve("k.pub").toString();
    String text = Tools.openssl("pkey", "-pubin", "-in", pub, "-noout", "-text");
    assertTrue(text.contains(opensslText), text);

    Path file = Files.writeString(dir.resolve("artifact.txt"), "artifact for " + algorithm);
    String sig = Cli.withPassword("pw", "sign-blob", "--key", dir.resolve("k.key").toString(), file.toString())
        .expect(0).out();
    Cli.run("verify-blob", "--key", pub, "--signature", sig, file.toString()).expect(0);
    Files.writeString(file, "changed");
    Cli.run("verify-blob", "--key", pub, "--signature", sig, file.toString()).expect(Main.VERIFICATION_FAILED);
  }

  @Test
  void unknownAlgorithmIsAUsageErrorAndWritesNothing() {
    Cli.Result r = Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("x"), "--algorithm",
        "dsa").expect(Main.USAGE);
    assertTrue(r.err().contains("unknown signature algorithm 'dsa'"), r.err());
    assertFalse(Files.exists(dir.resolve("x.key")));
    assertFalse(Files.exists(dir.resolve("x.pub")));
  }

  @Test
  void unsupportedRsaSizeIsAUsageErrorAndWritesNothing() {
    Cli.Result r = Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix("x"), "--algorithm",
        "rsa-pkcs1v15-sha256", "--rsa-bits", "1024").expect(Main.USAGE);
    assertTrue(r.err().contains("1024"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(dir.resolve("x.key")));
  }

  @Test
  void emptyPrefixIsAUsageError() {
    Cli.Result r = Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", " ").expect(Main.USAGE);
    assertTrue(r.err().contains("--output-key-prefix must not be empty"), r.err());
  }
}
