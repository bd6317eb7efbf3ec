package dev.countersign.oci.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent peers of the signature tests: sigstore-js through core's script
 * ({@code ../core/src/test/peers/sigstore-verify.js}, npm peers from {@code ~/.cache/countersign/peers}) and this
 * module's Python cosign peer. A missing peer fails the test; install them with
 * {@code oci/src/test/peers/install.sh}.
 */
public final class Peers {
  private Peers() {}

  /** The outcome of one peer process. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }
  }

  static Path home() {
    return Path.of(System.getProperty("countersign.peers.home",
        System.getProperty("user.home") + "/.cache/countersign/peers"));
  }

  /** Runs core's sigstore-js verification script. */
  public static Result sigstoreVerify(Path bundle, Path publicKeyPem) {
    Path modules = home().resolve("node_modules");
    if (!Files.isDirectory(modules.resolve("@sigstore/verify"))) {
      fail("sigstore-js missing in " + modules + " (run oci/src/test/peers/install.sh)");
    }
    Path script = Path.of("../core/src/test/peers/sigstore-verify.js").toAbsolutePath().normalize();
    return run(Map.of("NODE_PATH", modules.toString()), "node", script.toString(), bundle.toString(),
        publicKeyPem.toString());
  }

  /** Runs {@code src/test/peers/cosign_image_ref.py} with Debian's python3 (cryptography installed). */
  public static Result cosignPeer(String... args) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3",
        Path.of("src/test/peers/cosign_image_ref.py").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return run(Map.of(), cmd.toArray(String[]::new));
  }

  /** Runs {@code src/test/peers/cosign_attestation.py} (the {@code .att} peer) with Debian's python3. */
  public static Result attestationPeer(String... args) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3",
        Path.of("src/test/peers/cosign_attestation.py").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return run(Map.of(), cmd.toArray(String[]::new));
  }

  static Result run(Map<String, String> env, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    try {
      Path out = Files.createTempFile("peer", ".out");
      Path err = Files.createTempFile("peer", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("peer timed out: " + String.join(" ", command));
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      return fail("cannot run peer " + command[0] + " (run oci/src/test/peers/install.sh): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }
}
