package dev.countersign.testing.servers.kms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code openssl dgst -verify} on files in a directory; a missing openssl fails the test (IOException). */
final class OpenSsl {
  /** Exit status and combined output of one openssl run. */
  record Result(int exitCode, String output) {
    boolean verifiedOk() {
      return exitCode == 0 && output.contains("Verified OK");
    }
  }

  private OpenSsl() {
  }

  /**
   * {@code openssl dgst -<hash> -verify pub.pem -signature sig.bin [-sigopt ...] data}, with the PEM, signature
   * and data written to {@code dir}.
   */
  static Result verify(Path dir, String publicKeyPem, String hash, byte[] signature, byte[] data,
             String... sigopts) throws IOException, InterruptedException {
    Path pem = Files.writeString(dir.resolve("pub.pem"), publicKeyPem);
    Path sig = Files.write(dir.resolve("sig.bin"), signature);
    Path file = Files.write(dir.resolve("data"), data);
    List<String> command = new ArrayList<>(List.of("openssl", "dgst", "-" + hash, "-verify", pem.toString(),
        "-signature", sig.toString()));
    for (String option : sigopts) {
      command.add("-sigopt");
      command.add(option);
    }
    command.add(file.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("openssl did not finish: " + command);
    }
    return new Result(process.exitValue(), output);
  }
}
