package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GnuPG at /usr/bin/gpg with its own --homedir; a missing gpg fails the test. */
final class GnuPG implements AutoCloseable {
  static final Path GPG = Path.of("/usr/bin/gpg");
  private final Path home;

  GnuPG(Path dir) {
    assertTrue(Files.isExecutable(GPG), "GnuPG is required at " + GPG + " for the interop tests");
    this.home = dir.resolve("gnupg");
    try {
      Files.createDirectories(home);
      Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Result of one run. */
  record Run(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  Run run(String... args) {
    List<String> cmd = new ArrayList<>(List.of(GPG.toString(), "--homedir", home.toString(), "--batch",
        "--no-tty", "--pinentry-mode", "loopback", "--passphrase", ""));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread t = new Thread(() -> copy(p.getErrorStream(), err));
      t.start();
      byte[] out = p.getInputStream().readAllBytes();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gpg timed out");
      t.join();
      return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Run ok(String... args) {
    Run r = run(args);
    assertTrue(r.exit() == 0, "gpg " + String.join(" ", args) + " failed (" + r.exit() + "): " + r.stderr());
    return r;
  }

  /** Stops the gpg-agent this home directory started. */
  @Override
  public void close() {
    try {
      Process p = new ProcessBuilder("/usr/bin/gpgconf", "--homedir", home.toString(), "--kill", "all")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
