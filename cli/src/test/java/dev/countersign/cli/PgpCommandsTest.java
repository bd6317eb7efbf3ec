package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgp generate} and {@code pgp export}, cross-checked with GnuPG. */
class PgpCommandsTest {
  private static final Pattern FINGERPRINT = Pattern.compile("Fingerprint: ([0-9A-F]{40})");

  @TempDir
  Path dir;

  @Test
  void generatedKeyringsAreNamedByDateAndFingerprintAndImportIntoGpg() throws Exception {
    Path pass = dir.resolve("pass.txt");
    Files.writeString(pass, "s3cret\nsecond line is ignored\n");
    Cli.Result r = Cli.run("pgp", "generate", "--name", "Release Team", "--email", "release@example.com",
        "--algorithm", "ed25519", "--passphrase-file", pass.toString(), "--output-dir", dir.resolve("out").toString())
        .expect(0);
    Matcher m = FINGERPRINT.matcher(r.out());
    assertTrue(m.find(), r.out());
    String fpr = m.group(1);
    List<String> names;
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(2, names.size(), names::toString);
    assertTrue(names.get(0).matches("keyring-\\d{4}-\\d{2}-\\d{2}-" + fpr + "\\.gpg"), names::toString);
    assertTrue(names.get(1).matches("secring-\\d{4}-\\d{2}-\\d{2}-" + fpr + "\\.gpg"), names::toString);
    Path secret = dir.resolve("out").resolve(names.get(1));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));

    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Tools.check("gpg", "--homedir", home.toString(), "--batch", "--import",
        dir.resolve("out").resolve(names.get(0)).toString());
    String listed = Tools.check("gpg", "--homedir", home.toString(), "--batch", "--with-colons", "--list-keys");
    assertTrue(listed.contains("fpr:::::::::" + fpr + ":"), listed);
    assertTrue(listed.contains("Release Team <release@example.com>"), listed);
    // The secret key is protected by the first line of the passphrase file: gpg refuses a wrong one (asked first,
    // before gpg-agent caches the right one), then signs with it.
    Tools.check("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase",
        "s3cret", "--import", secret.toString());
    Path msg = dir.resolve("msg.txt");
    Files.writeString(msg, "hello\n");
    Tools.Result wrong = Tools.exec("gpg", "--homedir", home.toString(), "--batch", "--yes", "--pinentry-mode",
        "loopback", "--passphrase", "wrong", "--local-user", fpr, "--clearsign", msg.toString());
    assertTrue(wrong.exit() != 0, "gpg signed with a wrong passphrase");
    Tools.check("gpg", "--homedir", home.toString(), "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase",
        "s3cret", "--local-user", fpr, "--clearsign", msg.toString());
  }

  @Test
  void exportWritesArmoredAndBinaryPublicKeysThatGpgReads() throws Exception {
    Cli.Result r = Cli.run("pgp", "generate", "--name", "Chart Signer", "--email", "charts@example.com",
        "--algorithm", "rsa3072", "--output-dir", dir.toString()).expect(0);
    Matcher m = FINGERPRINT.matcher(r.out());
    assertTrue(m.find(), r.out());
    Path secring;
    try (Stream<Path> files = Files.list(dir)) {
      secring = files.filter(p -> p.getFileName().toString().startsWith("secring-")).findFirst().orElseThrow();
    }
    Cli.Result armored = Cli.run("pgp", "export", "--keyring", secring.toString(), "--key", "Chart Signer", "--armor")
        .expect(0);
    assertTrue(armored.out().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n"), armored.out());
    assertTrue(!armored.out().contains("PRIVATE"), "export must not contain the secret key");
    Path asc = dir.resolve("pub.asc");
    Files.writeString(asc, armored.out(), StandardCharsets.US_ASCII);
    Path bin = dir.resolve("pub.gpg");
    Cli.run("pgp", "export", "--keyring", secring.toString(), "--key", m.group(1), "--output", bin.toString())
        .expect(0);
    for (Path exported : List.of(asc, bin)) {
      String shown = Tools.check("gpg", "--batch", "--with-colons", "--show-keys", exported.toString());
      assertTrue(shown.contains("fpr:::::::::" + m.group(1) + ":"), shown);
      assertTrue(!shown.startsWith("sec"), shown);
    }
  }

  @Test
  void ambiguousOrUnknownKeyNamesAreUsageErrors() throws Exception {
    Cli.run("pgp", "generate", "--name", "A Signer", "--email", "a@example.com", "--algorithm", "ed25519",
        "--output-dir", dir.resolve("a").toString()).expect(0);
    Path ring;
    try (Stream<Path> files = Files.list(dir.resolve("a"))) {
      ring = files.filter(p -> p.getFileName().toString().startsWith("keyring-")).findFirst().orElseThrow();
    }
    Cli.Result unknown = Cli.run("pgp", "export", "--keyring", ring.toString(), "--key", "nobody", "--armor");
    unknown.expect(2);
    assertTrue(unknown.err().contains("nobody"), unknown.err());
    Cli.run("pgp", "generate", "--name", "X", "--email", "x@example.com", "--algorithm", "dsa",
        "--output-dir", dir.toString()).expect(2);
    Cli.run(Map.of(), new byte[0], "pgp", "generate", "--name", "X", "--email", "x@example.com",
        "--passphrase-file", dir.resolve("missing").toString(), "--output-dir", dir.toString()).expect(2);
  }

  @Test
  void importChecksThePublishedFileNameAndMergesIntoALocalKeyring() throws Exception {
    Cli.Result r = Cli.run("pgp", "generate", "--name", "Governance", "--email", "gov@example.com",
        "--algorithm", "ed25519", "--output-dir", dir.resolve("cdn").toString()).expect(0);
    Matcher m = FINGERPRINT.matcher(r.out());
    assertTrue(m.find(), r.out());
    Path published;
    try (Stream<Path> files = Files.list(dir.resolve("cdn"))) {
      published = files.filter(p -> p.getFileName().toString().startsWith("keyring-")).findFirst().orElseThrow();
    }
    Path local = dir.resolve("local.gpg");
    Cli.Result imported = Cli.run("pgp", "import", "--keyring", local.toString(), published.toString()).expect(0);
    assertEquals("imported: " + m.group(1) + "\n", imported.out());
    Cli.run("pgp", "import", "--keyring", local.toString(), published.toString()).expect(0);
    String shown = Tools.check("gpg", "--batch", "--with-colons", "--show-keys", local.toString());
    assertTrue(shown.contains("fpr:::::::::" + m.group(1) + ":"), shown);

    // A file whose name states another fingerprint is refused, and the local keyring is left as it was.
    byte[] before = Files.readAllBytes(local);
    Path renamed = dir.resolve(published.getFileName().toString().replace(m.group(1), "0".repeat(40)));
    Files.copy(published, renamed);
    Cli.Result refused = Cli.run("pgp", "import", "--keyring", local.toString(), renamed.toString());
    refused.expect(2);
    assertTrue(refused.err().contains(m.group(1)) || refused.err().contains("0".repeat(40)), refused.err());
    assertArrayEquals(before, Files.readAllBytes(local));
    Path secring;
    try (Stream<Path> files = Files.list(dir.resolve("cdn"))) {
      secring = files.filter(p -> p.getFileName().toString().startsWith("secring-")).findFirst().orElseThrow();
    }
    Cli.run("pgp", "import", "--keyring", local.toString(), secring.toString()).expect(2);
  }
}
