package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PGP keys in the key ceremony: added from a keyring and created by {@code keys rotate --type pgp}; the published
 * {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} matches the SHA-256 in the manifest and imports into gpg with that
 * fingerprint.
 */
class KeysPgpCeremonyTest {
  private static final String PW = "pgp-ceremony";
  private static final Pattern FINGERPRINT = Pattern.compile("Fingerprint: ([0-9A-F]{40})");
  private static final Pattern PUBLIC = Pattern.compile("Public keyring: (\\S+)");

  @TempDir
  Path tmp;

  private String f(String name) {
    return tmp.resolve(name).toString();
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** Imports {@code keyring} into a fresh gpg home and returns gpg's key listing. */
  private String gpgImport(Path keyring, String home) throws Exception {
    Path dir = Files.createDirectory(tmp.resolve(home));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Tools.check("gpg", "--homedir", dir.toString(), "--batch", "--import", keyring.toString());
    return Tools.check("gpg", "--homedir", dir.toString(), "--batch", "--with-colons", "--list-keys");
  }

  @Test
  void pgpKeysArePublishedAsKeyringsGpgImports() throws Exception {
    for (String m : List.of("m1", "m2")) {
      Cli.withPassword(PW, "generate-key-pair", "--output-key-prefix", f(m)).expect(0);
    }
    Cli.Result gen = Cli.run("pgp", "generate", "--name", "Chart Signing", "--email", "charts@example.com",
        "--algorithm", "ed25519", "--output-dir", f("pgp")).expect(0);
    Matcher fm = FINGERPRINT.matcher(gen.out());
    Matcher pm = PUBLIC.matcher(gen.out());
    assertTrue(fm.find() && pm.find(), gen.out());
    String fpr = fm.group(1);
    Path ring = Path.of(pm.group(1));

    Path pub = tmp.resolve("cdn");
    Cli.Result proposed = Cli.run("keys", "propose", "--dir", pub.toString(), "--member", f("m1.pub"), "--member",
        f("m2.pub"), "--threshold", "2", "--add-key", "pgp://" + ring.toAbsolutePath(), "--output-file",
        f("v1.json")).expect(0);
    assertTrue(proposed.out().contains("pgp " + fpr), proposed.out());
    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("v1.json")).expect(0);
    Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), f("v1.json")).expect(0);
    Cli.run("keys", "publish", "--dir", pub.toString(), f("v1.json")).expect(0);

    KeyManifest v1 = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json")));
    ManifestKey k = v1.keys().get(0);
    assertEquals(fpr, k.pgpFingerprint().orElseThrow());
    String name = ring.getFileName().toString();
    assertEquals(List.of(name), k.files());
    byte[] published = Files.readAllBytes(pub.resolve(name));
    assertArrayEquals(Files.readAllBytes(ring), published);
    assertEquals(sha256(published), k.keyringSha256().orElseThrow());
    assertTrue(gpgImport(pub.resolve(name), "gnupg1").contains("fpr:::::::::" + fpr + ":"));

    // rotation to a new PGP key, created in one step
    Cli.Result rotated = Cli.run(Map.of(CliPasswords.ENV, ""), new byte[0], "keys", "rotate", "--dir",
        pub.toString(), "--type", "pgp", "--pgp-user-id", "Chart Signing <charts@example.com>", "--pgp-algorithm",
        "ed25519", "--output-file", f("v2.json")).expect(0);
    assertTrue(rotated.err().contains("written to " + f("v2.secring.gpg")), rotated.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        tmp.resolve("v2.secring.gpg"))));
    Cli.withPassword(PW, "keys", "sign", "--key", f("m2.key"), f("v2.json")).expect(0);
    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("v2.json")).expect(0);
    Cli.run("keys", "publish", "--dir", pub.toString(), f("v2.json")).expect(0);

    KeyManifest v2 = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json")));
    assertEquals(KeyStatus.RETIRED, v2.keys().get(0).status());
    ManifestKey next = v2.keys().get(1);
    String nextFpr = next.pgpFingerprint().orElseThrow();
    String nextFile = next.files().get(0);
    assertTrue(nextFile.matches("keyring-\\d{4}-\\d{2}-\\d{2}-" + nextFpr + "\\.gpg"), nextFile);
    assertEquals(sha256(Files.readAllBytes(pub.resolve(nextFile))), next.keyringSha256().orElseThrow());
    String listed = gpgImport(pub.resolve(nextFile), "gnupg2");
    assertTrue(listed.contains("fpr:::::::::" + nextFpr + ":"), listed);
    assertTrue(listed.contains("Chart Signing <charts@example.com>"), listed);
    // the manifest's key id is that of the secret keyring's signing key
    assertEquals(next.keyId(), dev.countersign.core.KeyBackends.discover()
        .verifier("pgp://" + tmp.resolve("v2.secring.gpg").toAbsolutePath()).keyId());
  }
}
