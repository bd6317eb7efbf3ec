package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.core.keys.TinkKeyset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code public-key}: the PEM public key of a private key reference, and how key references route. */
class PublicKeyTest {
  @TempDir
  static Path keys;
  static Path key;
  static String pub;

  @TempDir
  Path dir;

  @BeforeAll
  static void generate() throws Exception {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", keys.resolve("cosign").toString()).expect(0);
    key = keys.resolve("cosign.key");
    pub = Files.readString(keys.resolve("cosign.pub"));
  }

  @Test
  void printsTheSamePemAsThePubFile() {
    Cli.Result r = Cli.withPassword("pw", "public-key", "--key", key.toString()).expect(0);
    assertEquals(pub, r.out());
    assertEquals("", r.err());
  }

  @Test
  void readsThePasswordFromStdinWithoutEnvironmentVariable() {
    assertEquals(pub, Cli.withStdin("pw", "public-key", "--key", key.toString()).expect(0).out());
  }

  @Test
  void writesToOutfile() throws Exception {
    Path out = dir.resolve("out.pub");
    Cli.Result r = Cli.withPassword("pw", "public-key", "-k", key.toString(), "--outfile", out.toString()).expect(0);
    assertEquals("", r.out());
    assertEquals(pub, Files.readString(out));
  }

  @Test
  void unwritableOutfileIsAUsageErrorNamingTheFile() {
    Path out = dir.resolve("no/such/dir/out.pub");
    Cli.Result r = Cli.withPassword("pw", "public-key", "-k", key.toString(), "--outfile", out.toString())
        .expect(Main.USAGE);
    assertEquals("Error: cannot write " + out + ": no such file or directory", r.err().strip());
  }

  @Test
  void wrongPasswordIsAUsageErrorWithoutStackTrace() {
    Cli.Result r = Cli.withPassword("not-pw", "public-key", "--key", key.toString()).expect(Main.USAGE);
    assertTrue(r.err().startsWith("Error: wrong password"), r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    assertEquals("", r.out());
    Cli.Result piped = Cli.withStdin("not-pw\n", "public-key", "--key", key.toString()).expect(Main.USAGE);
    assertTrue(piped.err().contains("wrong password"), piped.err());
  }

  @Test
  void pipedPasswordIsTakenVerbatimIncludingANewline() {
    // cosign reads all of standard input as the password; "pw\n" is not "pw".
    Cli.withStdin("pw\n", "public-key", "--key", key.toString()).expect(Main.USAGE);
  }

  @Test
  void fileUriRoutesToTheFileBackend() {
    assertEquals(pub, Cli.withPassword("pw", "public-key", "--key", key.toUri().toString()).expect(0).out());
    assertEquals(pub, Cli.withPassword("pw", "public-key", "--key", "file://" + key).expect(0).out());
  }

  @Test
  void missingKeyFileIsAUsageError() {
    Path missing = dir.resolve("missing.key");
    Cli.Result r = Cli.withPassword("pw", "public-key", "--key", missing.toString()).expect(Main.USAGE);
    assertEquals("Error: key file not found: " + missing, r.err().strip());
  }

  @Test
  void schemeWithoutBackendOnTheClassPathIsAUsageErrorNamingIt() {
    Cli.Result r = Cli.run("public-key", "--key", "gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k")
        .expect(Main.USAGE);
    assertTrue(r.err().contains("no key backend handles 'gcpkms://' references (known: [awskms, file, http, https, pgp])"), r.err());
  }

  @Test
  void unencryptedOpensslKeyNeedsNoPassword() throws Exception {
    Path pkcs8 = Tools.genpkey(dir, "P-384", "p384.pem");
    assertEquals(Tools.publicPem(pkcs8), Cli.run("public-key", "--key", pkcs8.toString()).expect(0).out());
  }

  @Test
  void tinkKeysetGivesItsPrimaryPublicKey() throws Exception {
    TinkKeyset keyset = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    Path file = Files.writeString(dir.resolve("keyset.json"), keyset.toCleartextJson());
    assertEquals(PemKeys.writePublicKey(keyset.primaryKey().publicKey()),
        Cli.run("public-key", "--key", file.toString()).expect(0).out());
  }
}
