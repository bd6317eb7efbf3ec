package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external programs the tests compare against ({@code openssl}, {@code sha256sum}). A missing program
 * fails the test: these checks are never skipped.
 */
final class Tools {
  /** The outcome of one process. */
  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private Tools() {}

  /** Runs {@code command} and returns its outcome whatever the exit code. */
  static Result exec(String... command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    try {
      Path out = Files.createTempFile("tool", ".out");
      Path err = Files.createTempFile("tool", ".err");
      try {
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return fail("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return fail("cannot run " + command[0] + " (it must be installed for these tests): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Runs {@code command}, failing the test unless it exits 0; returns its standard output. */
  static String check(String... command) {
    Result r = exec(command);
    if (r.exit() != 0) {
      fail(String.join(" ", command) + " exited " + r.exit() + ": " + r.stderr());
    }
    return r.out();
  }

  /** {@code openssl ARGS}, failing the test unless it exits 0; returns its standard output. */
  static String openssl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    return check(cmd.toArray(String[]::new));
  }

  /** A new private key from {@code openssl genpkey} in PKCS#8 PEM: "P-256", "P-384", "P-521", "ED25519", "RSA". */
  static Path genpkey(Path dir, String kind, String name) {
    Path key = dir.resolve(name);
    switch (kind) {
      case "ED25519":
        openssl("genpkey", "-algorithm", "ED25519", "-out", key.toString());
        break;
      case "RSA":
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
        break;
      default:
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + kind, "-out", key.toString());
    }
    return key;
  }

  /** The public key of a private key file as openssl writes it ({@code pkey -pubout}). */
  static String publicPem(Path privateKey) {
    return openssl("pkey", "-in", privateKey.toString(), "-pubout");
  }
}
