package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GnuPG 2.2 (/usr/bin/gpg) in a private home directory. Fails, never skips, when gpg is missing. */
final class GpgPeer implements AutoCloseable {
  static final Path GPG = Path.of("/usr/bin/gpg");

  private final Path home;

  GpgPeer(Path home) throws IOException {
    assertTrue(Files.isExecutable(GPG), "GnuPG peer missing: " + GPG);
    this.home = home;
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  /** Result of one gpg run. */
  record Run(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  Run run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /**
   * Runs gpg; with {@code commands} non-null it runs without --batch and answers prompts from those lines on
   * stdin ({@code --command-fd 0}), for interactive-only commands such as {@code --gen-revoke}.
   */
  Run runWithInput(String commands, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(GPG.toString(), "--homedir", home.toString()));
    cmd.addAll(commands == null ? List.of("--batch") : List.of("--command-fd", "0"));
    cmd.addAll(List.of("--no-tty", "--pinentry-mode", "loopback", "--passphrase", ""));
    cmd.addAll(List.of(args));
    Path in = Files.createTempFile(home, "in", ".txt");
    Files.writeString(in, commands == null ? "" : commands);
    Path err = Files.createTempFile(home, "err", ".txt");
    Path out = Files.createTempFile(home, "out", ".bin");
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(in.toFile()))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("gpg timed out: " + cmd);
    }
    return new Run(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
  }

  /** Home directory gpg runs in. */
  Path home() {
    return home;
  }

  /** Runs gpg and asserts exit 0; returns stdout. */
  byte[] ok(String... args) throws IOException, InterruptedException {
    Run r = run(args);
    assertEquals(0, r.exit(), () -> "gpg " + String.join(" ", args) + " failed: " + r.stderr());
    return r.stdout();
  }

  /** Fingerprints of the primary keys gpg lists (public). */
  List<String> listFingerprints() throws IOException, InterruptedException {
    List<String> fprs = new ArrayList<>();
    boolean afterPub = false;
    for (String line : new String(ok("--list-keys", "--with-colons"), StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("pub:")) {
        afterPub = true;
      } else if (line.startsWith("fpr:") && afterPub) {
        fprs.add(line.split(":")[9]);
        afterPub = false;
      } else if (!line.startsWith("fpr:")) {
        afterPub = false;
      }
    }
    return fprs;
  }

  @Override
  public void close() throws Exception {
    new ProcessBuilder("/usr/bin/gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
  }
}
