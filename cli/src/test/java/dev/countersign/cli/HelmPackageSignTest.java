package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm package --sign} and {@code helm sign} on Helm's test chart and keys, checked with gpg. */
class HelmPackageSignTest {
  private static final String FINGERPRINT = "5E615389B53CA37F0EE60BD3843BBF981FC18762";

  @TempDir
  Path dir;

  private Path chartDir;

  @BeforeEach
  void copyChart() throws IOException {
    chartDir = Files.createDirectories(dir.resolve("hashtest"));
    for (String f : new String[] {".helmignore", "Chart.yaml", "values.yaml"}) {
      copy("hashtest/" + f, chartDir.resolve(f));
    }
  }

  @Test
  void packageSignVerifiesWithGpgAndHelmVerifyAndIsDeterministic() throws IOException {
    Path secring = copy("helm-test-key.secret", dir.resolve("secring.gpg"));
    Path pubring = copy("helm-test-key.pub", dir.resolve("pubring.gpg"));
    Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
    Cli.Result r = Cli.run(env, new byte[0], "helm", "package", "--sign", "--key", "helm-testing@helm.sh",
        "--keyring", secring.toString(), "-d", dir.resolve("out").toString(), chartDir.toString()).expect(0);
    Path tgz = dir.resolve("out").resolve("hashtest-1.2.3.tgz");
    assertEquals("Successfully packaged chart and saved it to: " + tgz + "\n", r.out());
    String prov = Files.readString(tgz.resolveSibling("hashtest-1.2.3.tgz.prov"), StandardCharsets.UTF_8);
    String sha = Tools.check("sha256sum", tgz.toString()).split(" ")[0];
    assertTrue(prov.contains("files:\n  hashtest-1.2.3.tgz: sha256:" + sha + "\n"), prov);
    assertTrue(prov.startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"), prov);

    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Tools.check("gpg", "--homedir", home.toString(), "--batch", "--import", pubring.toString());
    Tools.Result gpg = Tools.exec("gpg", "--homedir", home.toString(), "--batch", "--status-fd", "1", "--verify",
        tgz.resolveSibling("hashtest-1.2.3.tgz.prov").toString());
    assertEquals(0, gpg.exit(), gpg.stderr());
    assertTrue(gpg.out().contains("[GNUPG:] VALIDSIG " + FINGERPRINT), gpg.out());

    Cli.Result verified = Cli.run("helm", "verify", "--keyring", pubring.toString(), tgz.toString()).expect(0);
    assertTrue(verified.out().contains("Chart Hash Verified: sha256:" + sha), verified.out());
    String listing = Tools.check("tar", "--utc", "--numeric-owner", "-tvzf", tgz.toString());
    assertTrue(listing.contains("-rw-r--r-- 0/0"), listing);
    assertTrue(listing.contains("2023-11-14 22:13 hashtest/Chart.yaml"), listing);

    byte[] first = Files.readAllBytes(tgz);
    Cli.run(env, new byte[0], "helm", "package", "-d", dir.resolve("again").toString(), chartDir.toString())
        .expect(0);
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("again").resolve("hashtest-1.2.3.tgz")));
  }

  @Test
  void signAProtectedKeyWithPassphraseFileOrEnvironmentInTheHelm4Layout() throws IOException {
    Path secring = copy("helm-password-key.secret", dir.resolve("secring.gpg"));
    Cli.run("helm", "package", "--version", "2.0.0", "-d", dir.toString(), chartDir.toString()).expect(0);
    Path tgz = dir.resolve("hashtest-2.0.0.tgz");
    Path pass = dir.resolve("pass");
    Files.writeString(pass, "secret\n");
    Cli.run("helm", "sign", "--key", "fake@helm.sh", "--keyring", secring.toString(), "--passphrase-file",
        pass.toString(), "--prov-format", "helm4", tgz.toString()).expect(0);
    String prov = Files.readString(dir.resolve("hashtest-2.0.0.tgz.prov"));
    assertTrue(prov.contains("version: 2.0.0\n"), prov);
    assertTrue(!prov.matches("(?s).*\n=[A-Za-z0-9+/]{4}\n-----END PGP SIGNATURE-----"), "helm4 has no CRC line");
    Files.delete(dir.resolve("hashtest-2.0.0.tgz.prov"));
    Cli.run(Map.of("HELM_KEY_PASSPHRASE", "secret"), new byte[0], "helm", "sign", "--key", "fake@helm.sh",
        "--keyring", secring.toString(), tgz.toString()).expect(0);
    Cli.Result wrong = Cli.run(Map.of("HELM_KEY_PASSPHRASE", "nope"), new byte[0], "helm", "sign", "--key",
        "fake@helm.sh", "--keyring", secring.toString(), tgz.toString());
    wrong.expect(2);
    assertTrue(wrong.err().contains("wrong passphrase"), wrong.err());
    Cli.Result unknown = Cli.run("helm", "sign", "--key", "nobody", "--keyring", secring.toString(), tgz.toString());
    unknown.expect(2);
  }

  @Test
  void aChartWithoutAValidChartYamlIsAUsageError() throws IOException {
    Files.writeString(chartDir.resolve("Chart.yaml"), "apiVersion: v3\nname: hashtest\nversion: 1.2.3\n");
    Cli.Result r = Cli.run("helm", "package", "-d", dir.toString(), chartDir.toString());
    r.expect(2);
    assertTrue(r.err().contains("apiVersion"), r.err());
  }

  private static Path copy(String resource, Path target) throws IOException {
    try (InputStream in = HelmPackageSignTest.class.getResourceAsStream("/helm/" + resource)) {
      Files.copy(in, target);
    }
    return target;
  }
}
