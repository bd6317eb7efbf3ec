package dev.countersign.kms.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code openssl dgst -verify}; a missing openssl fails the test (it is never skipped). */
final class OpenSslVerify {
  private OpenSslVerify() {}

  /**
   * Whether openssl accepts {@code signature} over {@code data} with the PEM public key, hash {@code hash}
   * ({@code sha256}...) and, for RSA-PSS, {@code pss} (salt length = digest length, as KMS signs).
   */
  static boolean verify(Path dir, String publicKeyPem, String hash, boolean pss, byte[] data, byte[] signature)
      throws IOException, InterruptedException {
    Path pub = Files.writeString(dir.resolve("pub-" + System.nanoTime() + ".pem"), publicKeyPem);
    Path in = Files.write(dir.resolve("data-" + System.nanoTime()), data);
    Path sig = Files.write(dir.resolve("sig-" + System.nanoTime()), signature);
    List<String> cmd = new ArrayList<>(List.of("openssl", "dgst", "-" + hash, "-verify", pub.toString()));
    if (pss) {
      cmd.addAll(List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"));
    }
    cmd.addAll(List.of("-signature", sig.toString(), in.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("openssl timed out");
    }
    if (p.exitValue() != 0 && !out.contains("Verification failure")) {
      throw new AssertionError("openssl failed (" + p.exitValue() + "): " + out);
    }
    return p.exitValue() == 0 && out.contains("Verified OK");
  }
}
