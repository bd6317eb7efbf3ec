package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code import-key-pair} of keys openssl writes: PKCS#8, SEC1, PKCS#1 and encrypted PKCS#8. */
class ImportKeyPairTest {
  @TempDir
  Path dir;

  /** openssl's own key, converted to {@code format}; asserts openssl wrote the PEM type meant. */
  private Path opensslKey(String kind, String format) throws Exception {
    Path pkcs8 = Tools.genpkey(dir, kind, "openssl-pkcs8.pem");
    Path out = dir.resolve("openssl-" + format + ".pem");
    String header;
    switch (format) {
      case "pkcs8":
        Files.copy(pkcs8, out);
        header = "PRIVATE KEY";
        break;
      case "sec1":
        Tools.openssl("ec", "-in", pkcs8.toString(), "-out", out.toString());
        header = "EC PRIVATE KEY";
        break;
      case "pkcs1":
        Tools.openssl("rsa", "-traditional", "-in", pkcs8.toString(), "-out", out.toString());
        header = "RSA PRIVATE KEY";
        break;
      default:
        throw new IllegalArgumentException(format);
    }
    assertTrue(Files.readString(out).startsWith("-----BEGIN " + header + "-----\n"), Files.readString(out));
    return out;
  }

  @ParameterizedTest
  @CsvSource({
      "P-256, pkcs8", "P-384, pkcs8", "P-521, pkcs8", "ED25519, pkcs8", "RSA, pkcs8",
      "P-256, sec1", "P-384, sec1", "P-521, sec1",
      "RSA, pkcs1"})
  void importsOpensslKeyAndKeepsItsPublicKey(String kind, String format) throws Exception {
    Path source = opensslKey(kind, format);
    String prefix = dir.resolve("imported").toString();
    Cli.Result r = Cli.withPassword("pw", "import-key-pair", "--key", source.toString(), "--output-key-prefix",
        prefix).expect(0);
    assertTrue(r.err().contains("Private key written to " + prefix + ".key"), r.err());

    Path key = dir.resolve("imported.key");
    assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(key));
    String opensslPub = Tools.publicPem(source);
    assertEquals(opensslPub, Files.readString(dir.resolve("imported.pub")));
    assertEquals(opensslPub, Cli.withPassword("pw", "public-key", "--key", key.toString()).expect(0).out());

    // The imported key signs; openssl's public key verifies through verify-blob.
    Path opensslPubFile = Files.writeString(dir.resolve("openssl.pub"), opensslPub);
    Path file = Files.writeString(dir.resolve("a.txt"), "imported " + kind + " " + format);
    String sig = Cli.withPassword("pw", "sign-blob", "--key", key.toString(), file.toString()).expect(0).out();
    Cli.run("verify-blob", "--key", opensslPubFile.toString(), "--signature", sig, file.toString()).expect(0);
  }

  @Test
  void encryptedPkcs8IsOpenedWithTheEnvironmentPassword() throws Exception {
    Path enc = encryptedPkcs8("pw");
    Cli.withPassword("pw", "import-key-pair", "--key", enc.toString(), "--output-key-prefix",
        dir.resolve("imp").toString()).expect(0);
    assertEquals(Tools.publicPem(dir.resolve("openssl-pkcs8.pem")), Files.readString(dir.resolve("imp.pub")));
    Cli.withPassword("pw", "public-key", "--key", dir.resolve("imp.key").toString()).expect(0);
  }

  @Test
  void encryptedPkcs8IsOpenedWithAPipedPassword() throws Exception {
    Path enc = encryptedPkcs8("piped");
    Cli.withStdin("piped", "import-key-pair", "--key", enc.toString(), "--output-key-prefix",
        dir.resolve("imp").toString()).expect(0);
    assertEquals(Tools.publicPem(dir.resolve("openssl-pkcs8.pem")), Files.readString(dir.resolve("imp.pub")));
    Cli.withPassword("piped", "public-key", "--key", dir.resolve("imp.key").toString()).expect(0);
  }

  @Test
  void wrongPasswordForEncryptedInputWritesNothing() throws Exception {
    Path enc = encryptedPkcs8("right");
    Cli.Result r = Cli.withPassword("wrong", "import-key-pair", "--key", enc.toString(), "--output-key-prefix",
        dir.resolve("imp").toString()).expect(Main.USAGE);
    assertTrue(r.err().contains("wrong password"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(dir.resolve("imp.key")));
    assertFalse(Files.exists(dir.resolve("imp.pub")));
  }

  private Path encryptedPkcs8(String password) throws Exception {
    Path plain = Tools.genpkey(dir, "P-256", "openssl-pkcs8.pem");
    Path enc = dir.resolve("encrypted.pem");
    Tools.openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(), "-passout", "pass:" + password,
        "-out", enc.toString());
    assertTrue(Files.readString(enc).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    return enc;
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path source = opensslKey("P-256", "pkcs8");
    String prefix = dir.resolve("imp").toString();
    Cli.withPassword("pw", "import-key-pair", "--key", source.toString(), "--output-key-prefix", prefix).expect(0);
    String before = Files.readString(dir.resolve("imp.key"));
    Cli.Result r = Cli.withPassword("pw", "import-key-pair", "--key", source.toString(), "--output-key-prefix",
        prefix).expect(Main.USAGE);
    assertTrue(r.err().contains("already exists"), r.err());
    assertEquals(before, Files.readString(dir.resolve("imp.key")));
    Cli.withPassword("pw", "import-key-pair", "--key", source.toString(), "--output-key-prefix", prefix,
        "--force").expect(0);
  }

  @Test
  void missingInputIsAUsageError() {
    Path missing = dir.resolve("missing.pem");
    Cli.Result r = Cli.withPassword("pw", "import-key-pair", "--key", missing.toString(), "--output-key-prefix",
        dir.resolve("imp").toString()).expect(Main.USAGE);
    assertTrue(r.err().contains("cannot read " + missing + ": no such file"), r.err());
  }

  @Test
  void publicKeyOrGarbageIsRefusedWithoutStackTrace() throws Exception {
    Path pub = Files.writeString(dir.resolve("pub.pem"), Tools.publicPem(opensslKey("P-256", "pkcs8")));
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"
        + "-----END PRIVATE KEY-----\n");
    for (Path input : new Path[] {pub, garbage}) {
      Cli.Result r = Cli.withPassword("pw", "import-key-pair", "--key", input.toString(), "--output-key-prefix",
          dir.resolve("imp").toString()).expect(Main.USAGE);
      assertTrue(r.err().startsWith("Error: "), r.err());
      assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
      assertFalse(Files.exists(dir.resolve("imp.key")));
    }
  }
}
